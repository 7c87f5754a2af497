/** `lamina consume`: not built yet (a stub so the command table is complete). */
import type { CommandContext } from '../context.js';

export default function consume(ctx: CommandContext): number {
  ctx.out.err('lamina consume: not implemented yet');
  return 70;
}
