import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NickelError } from '../diagnostics/error.js';
import { MAX_NESTING } from './cursor.js';
import { parseFailure, parseText } from './test-support/helpers.js';

const DEEP = 100_000;

function rejectsCleanly(src: string): void {
  const err = parseFailure(src); // a non-NickelError exception fails the test
  assert.ok(err instanceof NickelError);
  assert.ok(err.kind.startsWith('ParseError'), err.kind);
  assert.ok(err.labels.some((l) => l.primary));
}

test('absurd nesting is a parse error, not a stack overflow', () => {
  rejectsCleanly('['.repeat(DEEP));
  rejectsCleanly('('.repeat(DEEP) + '1' + ')'.repeat(DEEP));
  rejectsCleanly('{a = '.repeat(DEEP) + '1' + '}'.repeat(DEEP));
  rejectsCleanly('"%{'.repeat(DEEP) + '1' + '}"'.repeat(DEEP));
  rejectsCleanly('x | ' + '{a : '.repeat(DEEP) + 'Number' + '}'.repeat(DEEP));
  rejectsCleanly('!'.repeat(DEEP) + 'true');
  rejectsCleanly('-'.repeat(DEEP) + '1');
  rejectsCleanly('if '.repeat(DEEP) + 'x');
  rejectsCleanly('fun ' + '['.repeat(DEEP) + 'x' + ']'.repeat(DEEP) + ' => x');
  rejectsCleanly('x | ' + Array.from({ length: DEEP }, () => 'Number').join(' -> '));
});

test('deep but reasonable nesting parses', () => {
  // well below both the guard and what Node's default stack allows
  const n = Math.min(MAX_NESTING, 500);
  assert.is(parseText('['.repeat(n) + ']'.repeat(n)).kind, 'Array');
  assert.is(parseText('{a = '.repeat(n) + '1' + '}'.repeat(n)).kind, 'Record');
});

test('long flat inputs parse without deep recursion', () => {
  const numbers = Array.from({ length: 100_000 }, (_, i) => i).join(', ');
  // plain data is read straight into its value (lexer/data-literal.ts) …
  const data = parseText('[\n' + numbers + '\n]');
  assert.is(data.kind === 'Data' && Array.isArray(data.value) && data.value.length, 100_000);
  // … and the same literal with a variable at its end goes through the parser
  const big = parseText('[' + numbers + ', x]');
  assert.is(big.kind === 'Array' && big.items.length, 100_001);
  assert.is(parseText(Array.from({ length: 10_000 }, (_, i) => i).join(' + ')).kind, 'Binary');
  assert.is(parseText(Array.from({ length: 10_000 }, (_, i) => `let x${i} = ${i} in`).join('\n') + ' x0').kind, 'Let');
  assert.is(parseText(Array.from({ length: 10_000 }, (_, i) => `if x == ${i} then ${i} else`).join('\n') + ' 0').kind, 'If');
  assert.is(parseText('{' + Array.from({ length: 10_000 }, (_, i) => `f${i} = ${i}`).join(', ') + ', g = x}').kind, 'Record');
  assert.is(parseText('f ' + Array.from({ length: 10_000 }, (_, i) => i).join(' ')).kind, 'App');
  assert.is(parseText('x' + '.a'.repeat(10_000)).kind, 'FieldAccess');
  assert.is(parseText('"' + 'x'.repeat(1 << 20) + '"').kind, 'Str');
});

test.run();
