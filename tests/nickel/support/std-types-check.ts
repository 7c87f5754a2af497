/**
 * Checks packages/nickel/src/analysis/typecheck/std-types.ts against the reference Nickel
 * (py-nickel 1.18): scripts/verify-std-types.ts prints the outcome, differential.test.ts fails on
 * any problem.
 *
 * Checking `let f : T = std.P in f` alone would accept any instance of the real type, so each
 * typed entry is pinned three ways:
 * 1. printed: annotating `std.P` with a probe enum type fails, and the reference prints the type
 *    it found; that text, read by our parser, must be T's body (T's outer `forall` removed: the
 *    reference prints the instantiated type, keeping the variables' names);
 * 2. accepted: `(std.P : T)` typechecks (T may name contracts std has in scope only, `Enum` etc.:
 *    then it is an unbound identifier here, and check 1 alone pins it);
 * 3. a wrong variant is rejected: T with a base type or a repeated variable swapped for another.
 * Untyped members must print as `Dyn`. Every member of the reference's std (recursing into the
 * records typed code sees as records) must be in exactly one table, and those records must be
 * closed records of their members.
 */
import type { Type } from '../../../packages/nickel/src/ast/nodes.js';
import { STD_CONTRACT_TYPES, STD_TYPES, STD_UNTYPED } from '../../../packages/nickel/src/analysis/typecheck/std-types.js';
import { parseText, shape } from '../../../packages/nickel/src/parser/test-support/helpers.js';
import { type ReferenceAnswer, runReference } from './reference.js';

const PROBE = "[| 'LaminaProbe |]";
const FOUND = /= Found an expression of type `([\s\S]*?)`\n\s*= These types are not compatible/;

/** What typed code sees of `std.P`: the type the reference prints, or why it printed none. */
function printedTypes(paths: readonly string[]): Map<string, string> {
  const answers = runReference(paths.map((p) => ({ id: p, source: `let _probe = (${member(p)} : ${PROBE}) in true` })));
  const printed = new Map<string, string>();
  paths.forEach((p, i) => {
    const answer = answerAt(answers, i);
    const found = answer.ok ? undefined : FOUND.exec(answer.message)?.[1];
    printed.set(p, found !== undefined ? found.replace(/\s+/g, ' ') : `(no type printed: ${describe(answer)})`);
  });
  return printed;
}

/** The answer to the `i`th request (runReference answers every request, in order). */
function answerAt(answers: readonly ReferenceAnswer[], i: number): ReferenceAnswer {
  const answer = answers[i];
  if (answer === undefined) throw new Error(`the reference gave no answer to request ${i}`);
  return answer;
}

/** `std.P`, or `std` itself for the empty path. */
const member = (path: string) => (path ? `std.${path}` : 'std');

function describe(answer: ReferenceAnswer): string {
  return answer.ok ? `accepted, ${answer.output}` : `${answer.kind}: ${answer.message.split('\n')[0]}`;
}

/**
 * Every member of the reference's std, recursing into records typed code sees as records; and
 * each such record (module) with the type printed for it.
 */
function referenceMembers(): { leaves: Map<string, string>; records: Map<string, string> } {
  const leaves = new Map<string, string>();
  const seen = new Map<string, string>(printedTypes(['']));
  let modules = [''];
  while (modules.length > 0) {
    const lists = runReference(modules.map((m) => ({ id: m, source: `std.record.fields std${m ? '.' + m : ''}` })));
    const paths = lists.flatMap((answer, i) => {
      if (!answer.ok) throw new Error(`listing std.${modules[i]}: ${describe(answer)}`);
      return (JSON.parse(answer.output) as string[]).map((f) => (modules[i] ? `${modules[i]}.${f}` : f));
    });
    const printed = printedTypes(paths);
    const records = runReference(paths.map((p) => ({ id: p, source: `std.is_record std.${p}` })));
    modules = [];
    paths.forEach((p, i) => {
      const type = printed.get(p) ?? '';
      const answer = answerAt(records, i);
      if (answer.ok && answer.output === 'true' && /^\{ (?!_ )/.test(type)) {
        modules.push(p);
        seen.set(p, type);
      } else leaves.set(p, type);
    });
  }
  return { leaves, records: seen };
}

/** `forall a b. T` → [['a', 'b'], 'T']; a type without outer forall → [[], type]. */
function splitForall(text: string): [string[], string] {
  const m = /^forall ((?:\w+ )*\w+)\. ([\s\S]*)$/.exec(text);
  const [, vars, body] = m ?? [];
  return vars !== undefined && body !== undefined ? [vars.split(' '), body] : [[], text];
}

function typeShape(text: string): string {
  const e = parseText(`(null : ${text})`);
  if (e.kind !== 'Annotated' || e.type === undefined) throw new Error(`not a type: ${text}`);
  return JSON.stringify(shape(e.type.type satisfies Type));
}

/**
 * T with its first base type, or type variable occurring twice, swapped for another type. (A
 * variable occurring once may be specialised: that variant is an instance of T, still accepted.)
 */
function wrongVariant(text: string, vars: readonly string[]): string | undefined {
  const [forall, body] = splitForall(text);
  const atom = (names: string) => `(?<![\\w'.])(?:${names})(?![\\w.])`;
  const repeated = vars.filter((v) => (body.match(new RegExp(atom(v), 'g')) ?? []).length > 1);
  const m = new RegExp(atom(['Number', 'String', 'Bool', 'Dyn', ...repeated].join('|'))).exec(body);
  if (!m) return undefined;
  const swapped = m[0] === 'Number' ? 'String' : 'Number';
  const mutated = body.slice(0, m.index) + swapped + body.slice(m.index + m[0].length);
  return forall.length ? `forall ${forall.join(' ')}. ${mutated}` : mutated;
}

/** What the reference says of each entry: a one-line summary and the disagreements. */
export function checkStdTypes(): { summary: string; problems: string[] } {
  const typed = new Map<string, string>([...Object.entries(STD_TYPES), ...Object.entries(STD_CONTRACT_TYPES)]);
  const problems: string[] = [];

  // Membership.
  const { leaves: members, records } = referenceMembers();

  // std's modules are closed records of their members: a missing member is a type error.
  for (const [path, printed] of records) {
    const prefix = path ? path + '.' : '';
    const children = new Set([...members.keys(), ...records.keys()].filter((p) => p !== '' && p.startsWith(prefix) && !p.slice(prefix.length).includes('.')));
    const e = parseText(`(null : ${printed})`);
    const t = e.kind === 'Annotated' ? e.type?.type : undefined;
    const names = t?.kind === 'RecordType' && t.tail.kind === 'Closed' ? t.fields.map((f) => prefix + f.name) : undefined;
    if (names === undefined || names.length !== children.size || names.some((n) => !children.has(n))) {
      problems.push(`${member(path)}: typed code does not see it as the closed record of its members: \`${printed.slice(0, 120)}…\``);
    }
  }
  for (const path of members.keys()) {
    if (!typed.has(path) && !STD_UNTYPED.has(path)) problems.push(`std.${path}: missing from std-types.ts`);
  }
  for (const path of [...typed.keys(), ...STD_UNTYPED]) {
    if (!members.has(path)) problems.push(`std.${path}: listed, but not a member of the reference's std`);
  }

  // 1. The printed type.
  for (const [path, text] of typed) {
    const printed = members.get(path);
    if (printed === undefined) continue;
    const [vars, body] = splitForall(text);
    const bind = (t: string) => (vars.length ? `forall ${vars.join(' ')}. ${t}` : t);
    let same: boolean;
    try {
      same = typeShape(bind(body)) === typeShape(bind(printed));
    } catch (e) {
      same = false;
      problems.push(`std.${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!same) problems.push(`std.${path}: the reference types it \`${printed}\`, the table says \`${text}\``);
  }
  for (const path of STD_UNTYPED) {
    const printed = members.get(path);
    if (printed !== undefined && printed !== 'Dyn') problems.push(`std.${path}: listed untyped, the reference types it \`${printed}\``);
  }

  // 2. Accepted as an annotation, 3. a wrong variant rejected.
  const entries = [...typed];
  const accepted = runReference(entries.map(([path, text]) => ({ id: path, source: `let _probe = (std.${path} : ${text}) in true` })));
  const variants = entries.map(([, text]) => wrongVariant(text, splitForall(text)[0]));
  const rejected = runReference(
    entries.flatMap(([path], i) => (variants[i] === undefined ? [] : [{ id: path, source: `let _probe = (std.${path} : ${variants[i]}) in true` }])),
  );
  let pinnedByPrintOnly = 0;
  let variantsRejected = 0;
  let next = 0;
  entries.forEach(([path, text], i) => {
    const answer = answerAt(accepted, i);
    const inexpressible =
      !answer.ok && answer.kind === 'TypecheckError::UnboundIdentifier' && /^error: unbound identifier `(Enum|Stringable|Assert)`/.test(answer.message);
    if (inexpressible) pinnedByPrintOnly++;
    else if (!answer.ok || answer.output !== 'true') problems.push(`std.${path}: \`(std.${path} : ${text})\` is refused: ${describe(answer)}`);
    const variant = variants[i];
    if (variant === undefined) {
      if (!inexpressible) problems.push(`std.${path}: no wrong variant to try`);
      return;
    }
    const refusal = answerAt(rejected, next++);
    if (inexpressible) return;
    if (!refusal.ok && refusal.kind.startsWith('TypecheckError::')) variantsRejected++;
    else problems.push(`std.${path}: the wrong variant \`${variant}\` is not a type error: ${describe(refusal)}`);
  });

  const summary =
    `${members.size} members of the reference's std in ${records.size - 1} modules; ${typed.size} typed entries (${Object.keys(STD_TYPES).length} \`:\`, ` +
    `${Object.keys(STD_CONTRACT_TYPES).length} contract-only), ${STD_UNTYPED.size} untyped; ` +
    `${typed.size - pinnedByPrintOnly} accepted as annotations, ${variantsRejected} wrong variants rejected, ` +
    `${pinnedByPrintOnly} naming std-internal contracts pinned by the printed type alone`;
  return { summary, problems };
}
