/**
 * Statically typed programs for the differential property tests: `(term : T)` where the term is
 * generated from its type T, using only constructs whose context fixes the type of every part
 * (annotated lets and records, arithmetic, `++`, `if`, typed std functions, `match` on annotated
 * enums), so the program is well typed by construction. Each such part that a type error could
 * hit is a `Slot`: a literal, the outer annotation, the annotation of a binding outside the typed
 * block. An ill-typed variant swaps exactly one slot for one of its wrong alternatives (a literal
 * of another type, a wrong outer type, or that binding without its annotation — then `Dyn` inside
 * the block, as the reference types unannotated bindings of a compound value). Whether the
 * reference accepts each program is asked at test time; the generator only says which one it
 * meant to be ill-typed.
 */
import fc from 'fast-check';

/** A part of the program text that a type error can be injected into. */
interface Slot {
  readonly text: string;
  readonly wrong: readonly string[];
}
type Piece = string | Slot;
type Code = readonly Piece[];

export interface TypedProgram {
  readonly source: string;
  /** True when one slot was swapped for a wrong alternative: the reference should reject it. */
  readonly illTyped: boolean;
}

type Ty =
  | { kind: 'Number' | 'String' | 'Bool' }
  | { kind: 'Array'; elem: Ty }
  | { kind: 'Record'; fields: ReadonlyArray<readonly [string, Ty]> }
  | { kind: 'Dict'; elem: Ty }
  | { kind: 'Enum'; tags: readonly string[] };

const NUMBER: Ty = { kind: 'Number' };
const STRING: Ty = { kind: 'String' };
const BOOL: Ty = { kind: 'Bool' };

function show(t: Ty): string {
  switch (t.kind) {
    case 'Array':
      return `Array ${t.elem.kind === 'Array' || t.elem.kind === 'Dict' ? `(${show(t.elem)})` : show(t.elem)}`;
    case 'Record':
      return `{ ${t.fields.map(([name, ft]) => `${name} : ${show(ft)}`).join(', ')} }`;
    case 'Dict':
      return `{ _ : ${show(t.elem)} }`;
    case 'Enum':
      return `[| ${t.tags.map((tag) => `'${tag}`).join(', ')} |]`;
    default:
      return t.kind;
  }
}

/** Types that differ from `t` in a way no value of `t` can be checked against. */
function wrongTypes(t: Ty): string[] {
  switch (t.kind) {
    case 'Number':
      return ['String', 'Bool'];
    case 'String':
      return ['Number', 'Array String'];
    case 'Bool':
      return ['Number'];
    case 'Array':
      return [...wrongTypes(t.elem).map((w) => `Array ${w.includes(' ') ? `(${w})` : w}`), show(t.elem)];
    case 'Dict':
      return wrongTypes(t.elem).map((w) => `{ _ : ${w} }`);
    case 'Enum':
      // Not a subset of the tags: the term may use only some of them.
      return ["[| 'Other |]", 'String'];
    case 'Record': {
      const [first] = t.fields;
      if (first === undefined) return ['{ extra : Number }'];
      const record = (fields: ReadonlyArray<readonly [string, string]>) => `{ ${fields.map(([n, ft]) => `${n} : ${ft}`).join(', ')} }`;
      const shown = t.fields.map(([n, ft]) => [n, show(ft)] as const);
      return [
        record(shown.slice(1)), // a field missing
        record([...shown, ['extra', 'Number']]), // a field too many
        ...wrongTypes(first[1]).map((w) => record([[first[0], w], ...shown.slice(1)])),
      ];
    }
  }
}

const FIELD_NAMES = ['host', 'port', 'name', 'tags', 'enabled'] as const;
const TAGS = ['Red', 'Green', 'Blue'] as const;

const baseType = fc.constantFrom<Ty>(NUMBER, STRING, BOOL);
const typeArb: fc.Arbitrary<Ty> = fc.letrec<{ ty: Ty }>((tie) => ({
  ty: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    baseType,
    baseType,
    tie('ty').map((elem): Ty => ({ kind: 'Array', elem })),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...FIELD_NAMES), tie('ty')), { minLength: 1, maxLength: 3, selector: ([n]) => n })
      .map((fields): Ty => ({ kind: 'Record', fields })),
    baseType.map((elem): Ty => ({ kind: 'Dict', elem })),
    fc.subarray([...TAGS], { minLength: 2 }).map((tags): Ty => ({ kind: 'Enum', tags })),
  ),
})).ty;

const lit = (text: string, ...wrong: string[]): Code => [{ text, wrong }];
const seq = (...parts: Array<string | Code>): Code => parts.flatMap((p) => (typeof p === 'string' ? [p] : p));

const numberLiteral = fc.integer({ min: 0, max: 99 }).map((n) => lit(String(n), `"${n}"`, 'true'));
const stringLiteral = fc.constantFrom('a', 'port', 'x-1', '').map((s) => lit(JSON.stringify(s), '1', 'false'));
const boolLiteral = fc.boolean().map((b) => lit(String(b), '0', '"yes"'));

/** The Number bound outside the typed block (see `wellTyped`). */
const OUTSIDE = 'outside';
/** Let-bound names; an inner `let` may shadow an outer one, which changes nothing here. */
const letName = fc.constantFrom('n', 'm', 'k');
/** An argument of a function application. */
const arg = (code: Code): Code => seq('(', code, ')');

/** A term of type `t` whose every slot is fixed to its type by the surrounding construct. */
function termOf(t: Ty, depth: number): fc.Arbitrary<Code> {
  const sub = (u: Ty) => termOf(u, depth - 1);
  const deeper = depth > 0;
  // Inside the typed block a `let` needs no annotation (its type is inferred); it has one anyway.
  const typedLet = (u: Ty, body: (x: string) => fc.Arbitrary<Code>) =>
    fc.tuple(letName, termOf(u, depth - 1)).chain(([x, value]) => body(x).map((b) => seq(`(let ${x} : ${show(u)} = `, value, ` in `, b, ')')));
  // Built only when `deeper`: each of them recurses.
  const ifThenElse = () => fc.tuple(sub(BOOL), sub(t), sub(t)).map(([c, a, b]) => seq('(if ', c, ' then ', a, ' else ', b, ')'));
  const viaId = () => sub(t).map((e) => seq('(std.function.id ', arg(e), ')'));
  const fieldOf = () =>
    fc.tuple(fc.constantFrom(...FIELD_NAMES), fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), baseType), { maxLength: 2 })).chain(([name, others]) => {
      const fields = new Map<string, Ty>([[name, t], ...others.filter(([n]) => n !== name)]);
      const record: Ty = { kind: 'Record', fields: [...fields] };
      return termOf(record, depth - 1).map((r) => seq('(', r, ` : ${show(record)}).${name}`));
    });
  // Through `std.function.id` a record's type is inferred, then no longer converted to a dictionary.
  const common = deeper ? [ifThenElse(), ...(hasDict(t) ? [] : [viaId()]), typedLet(t, (x) => fc.constant(seq(x))), fieldOf()] : [];

  switch (t.kind) {
    case 'Number':
      return fc.oneof(
        numberLiteral,
        numberLiteral,
        fc.constant(seq(OUTSIDE)),
        ...(deeper
          ? [
              fc.tuple(sub(NUMBER), fc.constantFrom('+', '-', '*'), sub(NUMBER)).map(([a, op, b]) => seq('(', a, ` ${op} `, b, ')')),
              sub(STRING).map((s) => seq('std.string.length ', arg(s))),
              sub({ kind: 'Array', elem: NUMBER }).map((xs) => seq('std.array.fold_left (fun acc x => acc + x) 0 ', arg(xs))),
              sub({ kind: 'Enum', tags: ['Red', 'Green'] }).chain((e) =>
                fc.tuple(sub(NUMBER), sub(NUMBER)).map(([a, b]) => seq('(', e, " |> match { 'Red => ", a, ", 'Green => ", b, ' })')),
              ),
              typedLet(NUMBER, (x) => sub(NUMBER).map((b) => seq(x, ' + ', b))),
              ...common,
            ]
          : []),
      );
    case 'String':
      return fc.oneof(
        stringLiteral,
        stringLiteral,
        ...(deeper
          ? [
              fc.tuple(sub(STRING), sub(STRING)).map(([a, b]) => seq('(', a, ' ++ ', b, ')')),
              sub(STRING).map((s) => seq('std.string.uppercase ', arg(s))),
              sub(NUMBER).map((n) => seq('std.string.from_number ', arg(n))),
              sub(STRING).map((s) => seq('"<%{', s, '}>"')),
              sub({ kind: 'Array', elem: STRING }).map((xs) => seq('std.string.join "," ', arg(xs))),
              ...common,
            ]
          : []),
      );
    case 'Bool':
      return fc.oneof(
        boolLiteral,
        ...(deeper
          ? [
              fc.tuple(sub(NUMBER), fc.constantFrom('<', '>=', '<='), sub(NUMBER)).map(([a, op, b]) => seq('(', a, ` ${op} `, b, ')')),
              fc.tuple(sub(BOOL), fc.constantFrom('&&', '||'), sub(BOOL)).map(([a, op, b]) => seq('(', a, ` ${op} `, b, ')')),
              sub(BOOL).map((b) => seq('!', arg(b))),
              fc.tuple(sub(STRING), sub(STRING)).map(([a, b]) => seq('std.string.contains ', arg(a), ' ', arg(b))),
              sub({ kind: 'Array', elem: NUMBER }).map((xs) => seq('std.array.all (fun x => x >= 0) ', arg(xs))),
              ...common,
            ]
          : []),
      );
    case 'Array': {
      const literal = fc.array(sub(t.elem), { minLength: 1, maxLength: 3 }).map((xs) => seq('[', ...xs.flatMap((x, i) => (i ? [', ', x] : [x])), ']'));
      const numeric = t.elem.kind === 'Number' && deeper;
      return fc.oneof(
        literal,
        // `@` and std.array.reverse infer their operands' type: no dictionaries there (see `common`).
        ...(deeper && !hasDict(t)
          ? [fc.tuple(literal, literal).map(([a, b]) => seq('(', a, ' @ ', b, ')')), literal.map((xs) => seq('std.array.reverse ', arg(xs)))]
          : []),
        ...(numeric
          ? [
              literal.map((xs) => seq('std.array.map (fun x => x * 2) ', arg(xs))),
              sub({ kind: 'Array', elem: STRING }).map((xs) => seq('std.array.map std.string.length ', arg(xs))),
            ]
          : []),
        ...(t.elem.kind === 'String' && deeper ? [sub(STRING).map((s) => seq('std.string.split "," ', arg(s)))] : []),
        ...common,
      );
    }
    case 'Record': {
      const fields = t.fields.map(([name, ft]) => sub(ft).map((v) => seq(`${name} = `, v)));
      return fc.oneof(
        fc.tuple(...fields).map((fs) => seq('{ ', ...fs.flatMap((f, i) => (i ? [', ', f] : [f])), ' }')),
        ...common,
      );
    }
    case 'Dict': {
      const entries = fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c'), sub(t.elem)), { minLength: 1, maxLength: 3, selector: ([k]) => k });
      const literal = entries.map((es) => seq('{ ', ...es.flatMap(([k, v], i) => (i ? [', ', `${k} = `, v] : [`${k} = `, v])), ' }'));
      return fc.oneof(
        literal,
        ...(t.elem.kind === 'Number' && deeper ? [literal.map((d) => seq('std.record.map_values (fun x => x + 1) ', arg(d)))] : []),
        ...common,
      );
    }
    case 'Enum': {
      const tags = t.tags;
      const tag = fc.constantFrom(...tags).map((tg) => lit(`'${tg}`, '1', '"tag"'));
      return fc.oneof(tag, tag, ...(deeper ? [fc.tuple(sub(BOOL), tag, tag).map(([c, a, b]) => seq('(if ', c, ' then ', a, ' else ', b, ')'))] : []));
    }
  }
}

function hasDict(t: Ty): boolean {
  switch (t.kind) {
    case 'Dict':
      return true;
    case 'Array':
      return hasDict(t.elem);
    case 'Record':
      return t.fields.some(([, ft]) => hasDict(ft));
    default:
      return false;
  }
}

/**
 * `let outside : Number = (a + b) in (term : T)`: a Number the term may use. Without its
 * annotation the binding is outside the typed block and of a compound value, hence `Dyn` there.
 */
const wellTyped: fc.Arbitrary<{ code: Code }> = fc.tuple(typeArb, numberLiteral, numberLiteral).chain(([t, a, b]) =>
  termOf(t, 3).map((term) => {
    const used = term.includes(OUTSIDE);
    const annotation: Slot = { text: ' : Number', wrong: used ? [''] : [] };
    const outer: Slot = { text: show(t), wrong: wrongTypes(t) };
    return { code: seq(`let ${OUTSIDE}`, [annotation], ' = (', a, ' + ', b, ') in\n(', term, ' : ', [outer], ')\n') };
  }),
);

const mutable = (piece: Piece): boolean => typeof piece !== 'string' && piece.wrong.length > 0;

/** The program text; with `swap`, the `index`th mutable slot gets one of its wrong alternatives. */
function render(code: Code, swap?: { index: number; choice: number }): string {
  let slot = -1;
  return code
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if (!mutable(piece)) return piece.text;
      slot++;
      if (swap === undefined || slot !== swap.index) return piece.text;
      return piece.wrong[swap.choice % piece.wrong.length] ?? piece.text;
    })
    .join('');
}

/** Well-typed programs and, as often, the same program with one slot made ill-typed. */
export const typedProgram: fc.Arbitrary<TypedProgram> = fc.tuple(wellTyped, fc.boolean(), fc.nat(), fc.nat()).map(([{ code }, mutate, index, choice]) => {
  const slots = code.filter(mutable).length;
  if (!mutate || slots === 0) return { source: render(code), illTyped: false };
  return { source: render(code, { index: index % slots, choice }), illTyped: true };
});
