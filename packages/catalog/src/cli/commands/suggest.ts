/** `lamina suggest`: not built yet (a stub so the command table is complete). */
import type { CommandContext } from '../context.js';

export default function suggest(ctx: CommandContext): number {
  ctx.out.err('lamina suggest: not implemented yet');
  return 70;
}
