/** `lamina cascade`: not built yet (a stub so the command table is complete). */
import type { CommandContext } from '../context.js';

export default function cascade(ctx: CommandContext): number {
  ctx.out.err('lamina cascade: not implemented yet');
  return 70;
}
