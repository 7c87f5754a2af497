/** The names a pattern binds (its variables, `@` aliases and captured tails). */
import type { Pattern } from '../ast/nodes.js';

export function patternNames(p: Pattern, out: Set<string>): void {
  switch (p.kind) {
    case 'Bind':
      out.add(p.name);
      return;
    case 'Alias':
      out.add(p.name);
      return patternNames(p.pattern, out);
    case 'Enum':
      if (p.arg) patternNames(p.arg, out);
      return;
    case 'Record':
      for (const f of p.fields) patternNames(f.pattern, out);
      if (p.tail.kind === 'Capture') out.add(p.tail.name);
      return;
    case 'Array':
      for (const i of p.items) patternNames(i, out);
      if (p.tail.kind === 'Capture') out.add(p.tail.name);
      return;
    case 'Or':
      for (const a of p.alternatives) patternNames(a, out);
      return;
    default:
      return;
  }
}
