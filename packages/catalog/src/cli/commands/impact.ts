/** `lamina impact`: not built yet (a stub so the command table is complete). */
import type { CommandContext } from '../context.js';

export default function impact(ctx: CommandContext): number {
  ctx.out.err('lamina impact: not implemented yet');
  return 70;
}
