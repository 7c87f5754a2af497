// Our export against the reference's: byte-identical, except that the CLI ends its output with a
// newline and `nickel.run` returns the document without one.

import { existsSync, readFileSync } from 'node:fs';

/** @returns {{ same: boolean, note: string }} */
export function compareOutputs(oursPath, refPath) {
  if (!existsSync(oursPath)) return { same: false, note: 'no output from ours' };
  if (!existsSync(refPath)) return { same: false, note: 'no output from the reference' };
  let ours = readFileSync(oursPath, 'utf8');
  const ref = readFileSync(refPath, 'utf8');
  if (ours.endsWith('\n')) ours = ours.slice(0, -1);
  if (ours === ref) return { same: true, note: 'identical' };
  let at = 0;
  while (at < ours.length && at < ref.length && ours[at] === ref[at]) at++;
  const line = ref.slice(0, at).split('\n').length;
  const show = (s) => JSON.stringify(s.slice(Math.max(0, at - 20), at + 40));
  return {
    same: false,
    note: `DIFFERS at line ${line} (char ${at}; ours ${ours.length} chars, ref ${ref.length}): ours ${show(ours)} vs ref ${show(ref)}`,
  };
}
