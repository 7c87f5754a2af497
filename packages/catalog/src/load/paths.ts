/** Paths as the catalog shows them: relative to the root, `/`-separated, the same on every machine. */
import { relative, sep } from 'node:path';

export function relativeToRoot(root: string, abs: string): string {
  const rel = relative(root, abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** True when `abs` is `dir` or inside it (both absolute and normalised). */
export function isInside(dir: string, abs: string): boolean {
  if (abs === dir) return true;
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return abs.startsWith(prefix);
}

/** 1-based line and code-point column of a UTF-16 offset in `text`. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: [...text.slice(lineStart, offset)].length + 1 };
}
