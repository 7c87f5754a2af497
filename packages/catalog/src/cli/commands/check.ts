/** `lamina check`: not built yet (a stub so the command table is complete). */
import type { CommandContext } from '../context.js';

export default function check(ctx: CommandContext): number {
  ctx.out.err('lamina check: not implemented yet');
  return 70;
}
