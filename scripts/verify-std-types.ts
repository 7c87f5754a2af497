/**
 * Re-verifies packages/nickel/src/analysis/typecheck/std-types.ts against the reference Nickel
 * (py-nickel 1.18): how, in tests/nickel/support/std-types-check.ts. Exit status 1 on any
 * disagreement.
 *   node --conditions=source --import tsx scripts/verify-std-types.ts
 */
import { checkStdTypes } from '../tests/nickel/support/std-types-check.js';

const { summary, problems } = checkStdTypes();
console.log(summary);
if (problems.length > 0) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log('std-types.ts agrees with the reference');
