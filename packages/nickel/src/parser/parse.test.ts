import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFailure, parseShape, parseText } from './test-support/helpers.js';

/** Field metadata without annotations, as `shape` prints it. */
const M = { contracts: [], optional: false, notExported: false };
const num = (text: string) => ({ kind: 'Num', text });
const v = (name: string) => ({ kind: 'Var', name });
const bind = (name: string) => ({ kind: 'Bind', name });
const lit = (value: string) => ({ kind: 'Str', chunks: value ? [{ kind: 'Lit', value }] : [], multiline: false });
const field = (path: string[], value: unknown, meta: object = M) => ({
  path: path.map((name) => ({ kind: 'Static', name })),
  ...(value === undefined ? {} : { value }),
  meta,
});

test('literals', () => {
  assert.equal(parseShape('null'), { kind: 'Null' });
  assert.equal(parseShape('true'), { kind: 'Bool', value: true });
  assert.equal(parseShape('42'), num('42'));
  assert.equal(parseShape('1.5e-3'), num('1.5e-3'));
  // numbers are normalised to decimal text number/num.ts reads
  assert.equal(parseShape('.5'), num('0.5'));
  assert.equal(parseShape('0xff'), num('255'));
  assert.equal(parseShape('0o17'), num('15'));
  assert.equal(parseShape('0b101'), num('5'));
  assert.equal(parseShape('"a"'), lit('a'));
  assert.equal(parseShape("'Foo"), { kind: 'Enum', tag: 'Foo' });
  assert.equal(parseShape(`'"a b"`), { kind: 'Enum', tag: 'a b' });
});

test("identifiers may contain `-`, `'` and start with `_`", () => {
  assert.equal(parseShape("x'"), v("x'"));
  assert.equal(parseShape('a-b'), v('a-b'));
  assert.equal(parseShape('_foo'), v('_foo'));
  assert.equal(parseShape('a - b'), { kind: 'Binary', op: 'Sub', left: v('a'), right: v('b') });
  // contextual keywords are identifiers in terms
  assert.equal(parseShape('f or as include'), {
    kind: 'App',
    fn: { kind: 'App', fn: { kind: 'App', fn: v('f'), arg: v('or') }, arg: v('as') },
    arg: v('include'),
  });
});

test('arrays, trailing commas', () => {
  assert.equal(parseShape('[]'), { kind: 'Array', items: [] });
  assert.equal(parseShape('[1, 2,]'), { kind: 'Array', items: [num('1'), num('2')] });
  assert.is(parseFailure('[1, 2')?.kind, 'ParseError::UnexpectedEOF');
  assert.is(parseFailure('[1, 2)')?.kind, 'ParseError::UnexpectedToken');
});

test('records: paths, quoted and interpolated names, metadata', () => {
  assert.equal(parseShape('{a.b = 1, "c d" = 2}'), {
    kind: 'Record',
    fields: [field(['a', 'b'], num('1')), field(['c d'], num('2'))],
    includes: [],
    open: false,
  });
  const dyn = parseShape('{"%{k}" = 1}') as { fields: { path: unknown[] }[] };
  assert.equal(dyn.fields[0]!.path, [{ kind: 'Dynamic', expr: { kind: 'Str', chunks: [{ kind: 'Interp', expr: v('k'), indent: 0 }], multiline: false } }]);
  assert.equal(parseShape('{a | default | doc "x" | not_exported = 1, b | optional | priority -2 | String}'), {
    kind: 'Record',
    fields: [
      field(['a'], num('1'), { doc: 'x', contracts: [], priority: { kind: 'Default' }, optional: false, notExported: true }),
      field(['b'], undefined, { contracts: [{ type: { kind: 'String' } }], priority: { kind: 'Numeral', text: '-2' }, optional: true, notExported: false }),
    ],
    includes: [],
    open: false,
  });
  // metadata keywords are valid field names
  assert.equal(parseShape('{doc = 1}.doc'), {
    kind: 'FieldAccess',
    record: { kind: 'Record', fields: [field(['doc'], num('1'))], includes: [], open: false },
    field: { kind: 'Static', name: 'doc' },
  });
  assert.equal((parseShape('{a = 1, ..}') as { open: boolean }).open, true);
});

test('annotation chains: first `:` is the type, the rest are contracts in order', () => {
  assert.equal(parseShape('{a | A : B : C = 1}'), {
    kind: 'Record',
    fields: [
      field(['a'], num('1'), {
        type: { type: { kind: 'Contract', expr: v('B') } },
        contracts: [{ type: { kind: 'Contract', expr: v('A') } }, { type: { kind: 'Contract', expr: v('C') } }],
        optional: false,
        notExported: false,
      }),
    ],
    includes: [],
    open: false,
  });
  assert.equal(parseShape('x : Number | Dyn'), {
    kind: 'Annotated',
    expr: v('x'),
    type: { type: { kind: 'Number' } },
    contracts: [{ type: { kind: 'Dyn' } }],
  });
});

test('include', () => {
  assert.equal(parseShape('{include x, include [y, z], include w | Number}'), {
    kind: 'Record',
    fields: [],
    includes: [
      { name: 'x', meta: M },
      { name: 'y', meta: M },
      { name: 'z', meta: M },
      { name: 'w', meta: { contracts: [{ type: { kind: 'Number' } }], optional: false, notExported: false } },
    ],
    open: false,
  });
  assert.equal(parseShape('{include = 1}'), { kind: 'Record', fields: [field(['include'], num('1'))], includes: [], open: false });
  assert.is(parseFailure('{include x, include x}')?.kind, 'ParseError::MultipleFieldDecls');
  assert.is(parseFailure('{include x, x = 1}')?.kind, 'ParseError::MultipleFieldDecls');
});

test('let, let rec, let blocks, annotated lets', () => {
  assert.equal(parseShape('let rec a = 1, b = 2, in a'), {
    kind: 'Let',
    rec: true,
    bindings: [
      { pattern: bind('a'), value: num('1'), meta: M },
      { pattern: bind('b'), value: num('2'), meta: M },
    ],
    body: v('a'),
  });
  assert.equal(parseShape('let x : Number | doc "d" = 1 in x'), {
    kind: 'Let',
    rec: false,
    bindings: [
      { pattern: bind('x'), value: num('1'), meta: { doc: 'd', type: { type: { kind: 'Number' } }, contracts: [], optional: false, notExported: false } },
    ],
    body: v('x'),
  });
  assert.is(parseFailure('let a = 1, a = 2 in a')?.kind, 'ParseError::DuplicateIdentInLetBlock');
  assert.is(parseFailure('let {a} = {a = 1}, a = 2 in a')?.kind, 'ParseError::DuplicateIdentInLetBlock');
  assert.is(parseFailure('let x | default = 1 in x')?.kind, 'ParseError::UnexpectedToken');
});

test('fun with pattern parameters', () => {
  assert.equal(parseShape("fun x {y} 'A ('B z) => x"), {
    kind: 'Fun',
    params: [
      bind('x'),
      { kind: 'Record', fields: [{ field: 'y', pattern: bind('y'), contracts: [] }], tail: { kind: 'Closed' } },
      { kind: 'Enum', tag: 'A' },
      { kind: 'Enum', tag: 'B', arg: bind('z') },
    ],
    body: v('x'),
  });
  // only variants and or-patterns may be parenthesised
  assert.ok(parseFailure('fun (x) => x'));
});

test('match: record, array, enum, constant, alias, or-patterns, defaults, tails, guards', () => {
  const m = parseShape(`match {
    {a ? 1, b : Number, c | String = y, ..rest} => 1,
    [p, ..] => 2,
    x @ 'Some v if v > 0 => 3,
    'A x or 'B x => 4,
    'C or 'D => 5,
    'E or => 6,
    -1 => 7, "s" => 8, null => 9, true => 10, _ => 11,
  }`) as { branches: { pattern: unknown; guard?: unknown }[] };
  const pats = m.branches.map((b) => b.pattern);
  assert.equal(pats[0], {
    kind: 'Record',
    fields: [
      { field: 'a', pattern: bind('a'), default: num('1'), contracts: [] },
      { field: 'b', pattern: bind('b'), type: { type: { kind: 'Number' } }, contracts: [] },
      { field: 'c', pattern: bind('y'), contracts: [{ type: { kind: 'String' } }] },
    ],
    tail: { kind: 'Capture', name: 'rest' },
  });
  assert.equal(pats[1], { kind: 'Array', items: [bind('p')], tail: { kind: 'Open' } });
  assert.equal(pats[2], { kind: 'Alias', name: 'x', pattern: { kind: 'Enum', tag: 'Some', arg: bind('v') } });
  assert.ok(m.branches[2]!.guard);
  assert.equal(pats[3], {
    kind: 'Or',
    alternatives: [
      { kind: 'Enum', tag: 'A', arg: bind('x') },
      { kind: 'Enum', tag: 'B', arg: bind('x') },
    ],
  });
  assert.equal(pats[4], {
    kind: 'Or',
    alternatives: [
      { kind: 'Enum', tag: 'C' },
      { kind: 'Enum', tag: 'D' },
    ],
  });
  assert.equal(pats[5], { kind: 'Enum', tag: 'E', arg: bind('or') });
  assert.equal(pats[6], { kind: 'Const', value: num('-1') });
  assert.equal(pats[7], { kind: 'Const', value: lit('s') });
  assert.equal(pats[10], { kind: 'Wildcard' });
  assert.is(parseFailure('fun {x, x} => x')?.kind, 'ParseError::DuplicateIdentInRecordPattern');
});

test('if, application, field access, enum variants', () => {
  assert.equal(parseShape('if a then b else c'), { kind: 'If', cond: v('a'), then: v('b'), else: v('c') });
  assert.equal(parseShape('r."a b".c'), {
    kind: 'FieldAccess',
    record: { kind: 'FieldAccess', record: v('r'), field: { kind: 'Static', name: 'a b' } },
    field: { kind: 'Static', name: 'c' },
  });
  assert.equal(parseShape("'Some {x = 1}"), {
    kind: 'Enum',
    tag: 'Some',
    arg: { kind: 'Record', fields: [field(['x'], num('1'))], includes: [], open: false },
  });
  // two arguments make it an application (a runtime error), as in the reference
  assert.equal((parseShape("'A 1 2") as { kind: string }).kind, 'App');
});

test('imports', () => {
  assert.equal(parseShape('import "a.ncl"'), { kind: 'Import', path: 'a.ncl' });
  assert.equal(parseShape(`import "a.txt" as 'Text`), { kind: 'Import', path: 'a.txt', format: 'Text' });
  assert.is(parseFailure(`import "a" as 'Xml`)?.kind, 'ParseError::InvalidImportFormat');
  assert.ok(parseFailure('import "%{x}"'));
});

test('primops take their grammar arity; more arguments are applications', () => {
  assert.equal(parseShape('%typeof% x'), { kind: 'PrimOp', name: 'typeof', args: [v('x')] });
  assert.equal(parseShape('%array/map% xs f'), { kind: 'App', fn: { kind: 'PrimOp', name: 'array/map', args: [v('xs')] }, arg: v('f') });
  assert.equal(parseShape('%contract/apply% c l x'), {
    kind: 'App',
    fn: { kind: 'PrimOp', name: 'contract/apply', args: [v('c'), v('l')] },
    arg: v('x'),
  });
  assert.equal(parseShape('%string/replace% s a b'), { kind: 'PrimOp', name: 'string/replace', args: [v('s'), v('a'), v('b')] });
  assert.equal(parseShape('%record/seal_tail% a b c d'), { kind: 'PrimOp', name: 'record/seal_tail', args: [v('a'), v('b'), v('c'), v('d')] });
  assert.equal(parseShape('%enum/embed% Foo x'), { kind: 'PrimOp', name: 'enum/embed', args: [{ kind: 'Enum', tag: 'Foo' }, v('x')] });
  assert.is(parseFailure('%eval_nix% x')?.kind, 'ParseError::DisabledFeature');
  assert.ok(parseFailure('%typeof%'));
});

test('operator sections', () => {
  assert.equal(parseShape('(+)'), { kind: 'Fun', params: [bind('x'), bind('y')], body: { kind: 'Binary', op: 'Add', left: v('x'), right: v('y') } });
  assert.equal(parseShape('(!)'), { kind: 'Fun', params: [bind('x')], body: { kind: 'Unary', op: 'Not', operand: v('x') } });
  assert.equal((parseShape('(.)') as { body: { kind: string } }).body.kind, 'FieldAccess');
  assert.equal((parseShape('(|>)') as { body: { op: string } }).body.op, 'Pipe');
});

test('comments and CRLF', () => {
  assert.equal(parseShape('# a comment\r\n1 # trailing\r\n'), num('1'));
});

test('spans cover the construct', () => {
  const e = parseText('  let x = 1 in x + 2  ');
  assert.equal(e.span, { file: 0, start: 2, end: 20 });
  if (e.kind !== 'Let') throw new Error('expected a let');
  assert.equal(e.body.span, { file: 0, start: 15, end: 20 });
});

test.run();
