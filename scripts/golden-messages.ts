/**
 * A report, not a test: for every golden program that fails, the reference's diagnostic headline
 * beside ours, and whether ours names the same things (the `identifiers` in backquotes of the
 * reference's headline and first message line). Helps make our errors at least as helpful.
 *   node --conditions=source --import tsx scripts/golden-messages.ts [--missing-only] [REGEX]
 */
import { goldenPrograms } from '../tests/nickel/support/corpus.js';
import { evaluateCorpus } from '../tests/nickel/support/evaluate-corpus.js';

const missingOnly = process.argv.includes('--missing-only');
const filterArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const filter = filterArg ? new RegExp(filterArg) : undefined;

const programs = goldenPrograms().filter((p) => p.expected?.kind === 'error' && (!filter || filter.test(p.id)));
const outcomes = await evaluateCorpus(programs, 10000);

let named = 0;
for (const program of programs) {
  const expected = program.expected;
  if (expected?.kind !== 'error') continue;
  const lines = expected.message.split('\n');
  const headline = (lines[0] ?? '').replace(/^error: /, '');
  const detail = (lines[1] ?? '').trim().startsWith('┌') ? '' : (lines[1] ?? '').trim();
  const wanted = [...new Set([...`${headline} ${detail}`.matchAll(/`([^`]+)`/g)].map((m) => m[1]!))];
  const outcome = outcomes.get(program.id)!;
  const ours = outcome.status === 'error' || outcome.status === 'crash' ? outcome.message : outcome.status === 'export' ? '(exports a value)' : '(timeout)';
  const missing = wanted.filter((w) => !ours.includes(w));
  if (missing.length === 0) named++;
  if (missingOnly && missing.length === 0) continue;
  console.log(`${program.id}  [${expected.errorKind}]`);
  console.log(`  reference: ${headline}${detail ? ` — ${detail}` : ''}`);
  console.log(`  ours:      ${ours.split('\n')[0]}`);
  if (missing.length) console.log(`  ours does not mention: ${missing.map((m) => `\`${m}\``).join(', ')}`);
}
console.log(`${named} of ${programs.length} error programs: our message names everything the reference's headline names`);
