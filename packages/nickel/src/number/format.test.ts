import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nearestDouble, numberToJson, numberToSci, numberToString, shortestDouble } from './format.js';
import { type Num, div, parseNumber, pow } from './num.js';

const n = (text: string): Num => {
  const [a, b] = text.split('/');
  const x = parseNumber(a!.trim())!;
  return b === undefined ? x : div(x, parseNumber(b.trim())!)!;
};

// Expected strings are what the reference Nickel 1.18 prints for `std.to_string (X)`.
const TO_STRING: Array<[string, string]> = [
  ['1/3', '0.3333333333333333'],
  ['2/3', '0.6666666666666667'],
  ['-1/3', '-0.3333333333333333'],
  ['1e21', '1e21'],
  ['1e20', '1e20'],
  ['1e16', '1e16'],
  ['1e15', '1000000000000000'],
  ['123456789012345678901234567890', '1.234567890123457e29'],
  ['-5', '-5'],
  ['0', '0'],
  ['1.5e-7', '1.5e-7'],
  ['0.000001', '1e-6'],
  ['0.00001', '0.00001'],
  ['0.0000123', '0.0000123'],
  ['-0.0000012', '-1.2e-6'],
  ['0.1', '0.1'],
  ['100.25', '100.25'],
  ['1e300', '1e300'],
  ['1/1024', '0.0009765625'],
  ['12345678901234567', '1.234567890123457e16'],
  ['1/3e-15', '333333333333333.3'],
  ['1/3e-16', '3333333333333333'],
  ['123456.7', '123456.7'],
  ['1234567890123456.7', '1234567890123457'],
  ['1.0000000000000005', '1'],
  ['1.0000000000000015', '1.000000000000002'],
  ['1.00000000000000050001', '1.000000000000001'],
  ['9999999999999999.5', '1e16'],
  ['9999999999999998.5', '9999999999999998'],
  ['99999999999999995', '1e17'],
  ['0.0000099999999999999995', '0.00001'],
  ['0.00000999999999999999949', '9.999999999999999e-6'],
  ['1e-400', '1e-400'],
  ['12345678901234565', '1.234567890123456e16'],
  ['12345678901234575', '1.234567890123458e16'],
];

for (const [input, expected] of TO_STRING) {
  test(`numberToString(${input}) = ${expected}`, () => {
    assert.is(numberToString(n(input)), expected);
  });
}

test('numberToString of powers of two', () => {
  assert.is(numberToString(pow(2, 70)!), '1.180591620717411e21');
  assert.is(numberToString(pow(2, 64)!), '1.844674407370955e19');
});

test('numberToSci, as in the out-of-range export error', () => {
  assert.is(numberToSci(n('1e400')), '1e400');
  assert.is(numberToSci(n('-1e400')), '-1e400');
  assert.is(numberToSci(n('1e400/3')), '3.333333333333333e399');
  assert.is(numberToSci(n('2e308')), '2e308');
});

// Expected strings are the reference's `nickel export` output.
const TO_JSON: Array<[string, string]> = [
  ['1e20', '1e20'],
  ['1e21', '1e21'],
  ['1.2345678901234568e29', '1.2345678901234568e29'],
  ['1.5e-7', '1.5e-7'],
  ['0.1', '0.1'],
  ['1180591620717411303424', '1.1805916207174113e21'],
  ['18446744073709551615', '18446744073709551615'],
  ['18446744073709551616', '1.8446744073709552e19'],
  ['-9223372036854775808', '-9223372036854775808'],
  ['-9223372036854775809', '-9.223372036854776e18'],
  ['1/3', '0.3333333333333333'],
  ['-0', '0'],
  ['42', '42'],
  ['1e16', '10000000000000000'],
  ['2.5', '2.5'],
  ['0.0001', '0.0001'],
  ['0.00001', '0.00001'],
  ['0.000001', '1e-6'],
  ['0.0000012', '1.2e-6'],
  ['1000000000000000.5', '1000000000000000.5'],
  ['10000000000000000.5', '1e16'],
  ['1e-400', '0.0'],
  ['123456789.125', '123456789.125'],
];

for (const [input, expected] of TO_JSON) {
  test(`numberToJson(${input}) = ${expected}`, () => {
    assert.is(numberToJson(n(input)), expected);
  });
}

test('shortestDouble uses ryu layout', () => {
  assert.is(shortestDouble(1e15), '1000000000000000.0');
  assert.is(shortestDouble(1e16), '1e16');
  assert.is(shortestDouble(-2.5), '-2.5');
  assert.is(shortestDouble(0.001234), '0.001234');
  assert.is(shortestDouble(5e-324), '5e-324');
  assert.is(shortestDouble(Number.MAX_VALUE), '1.7976931348623157e308');
});

test('nearestDouble rounds exact rationals once', () => {
  for (const text of [
    '0.1',
    '1/3',
    '2/3',
    '1e-310',
    '1e-320',
    '123456789012345678901.5',
    '1e308',
    '1.7976931348623157e308',
    '4.9e-324',
    '2.4703282292062328e-324',
  ]) {
    assert.is(nearestDouble(n(text)), text === '1/3' ? 1 / 3 : text === '2/3' ? 2 / 3 : Number(text), text);
  }
  assert.is(nearestDouble(n('2.4703282292062327e-324')), 0);
  assert.is(nearestDouble(n('1e400')), Infinity);
  assert.is(nearestDouble(n('-1e400')), -Infinity);
  // 2^53 + 1 + 1/3 lies just above a tie: must round up to 2^53 + 2.
  assert.is(nearestDouble(n('27021597764222980/3')), 9007199254740994);
  // 2^53 + 1 exactly is a tie: to even, 2^53.
  assert.is(nearestDouble(n('9007199254740993')), 9007199254740992);
});

test.run();
