/**
 * Prints an expression back as Nickel source with every operator application parenthesised, so a
 * test can state the grouping the parser chose (and the reference can evaluate that text).
 * Covers the constructs precedence tests use.
 */
import type { BinaryOperator, Expr, Pattern } from '../../ast/nodes.js';

const OPS: Record<BinaryOperator, string> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  StrConcat: '++',
  ArrayConcat: '@',
  Eq: '==',
  Neq: '!=',
  Lt: '<',
  Le: '<=',
  Gt: '>',
  Ge: '>=',
  And: '&&',
  Or: '||',
  Merge: '&',
  Pipe: '|>',
};

function pat(p: Pattern): string {
  if (p.kind === 'Bind') return p.name;
  if (p.kind === 'Wildcard') return '_';
  throw new Error(`cannot print pattern ${p.kind}`);
}

export function printGrouped(e: Expr): string {
  switch (e.kind) {
    case 'Null':
      return 'null';
    case 'Bool':
      return String(e.value);
    case 'Num':
      return e.text;
    case 'Var':
      return e.name;
    case 'Str':
      return JSON.stringify(e.chunks.map((c) => (c.kind === 'Lit' ? c.value : '')).join(''));
    case 'Enum':
      return e.arg ? `('${e.tag} ${printGrouped(e.arg)})` : `'${e.tag}`;
    case 'Array':
      return `[${e.items.map(printGrouped).join(', ')}]`;
    case 'Record':
      return `{${e.fields.map((f) => `${f.path.map((p) => (p.kind === 'Static' ? p.name : '?')).join('.')} = ${printGrouped(f.value!)}`).join(', ')}}`;
    case 'App':
      return `(${printGrouped(e.fn)} ${printGrouped(e.arg)})`;
    case 'Unary':
      return `(${e.op === 'Not' ? '!' : '-'}${printGrouped(e.operand)})`;
    case 'Binary':
      return `(${printGrouped(e.left)} ${OPS[e.op]} ${printGrouped(e.right)})`;
    case 'FieldAccess':
      return `${printGrouped(e.record)}.${e.field.kind === 'Static' ? e.field.name : '?'}`;
    case 'If':
      return `(if ${printGrouped(e.cond)} then ${printGrouped(e.then)} else ${printGrouped(e.else)})`;
    case 'Let':
      return `(let ${e.bindings.map((b) => `${pat(b.pattern)} = ${printGrouped(b.value)}`).join(', ')} in ${printGrouped(e.body)})`;
    case 'Fun':
      return `(fun ${e.params.map(pat).join(' ')} => ${printGrouped(e.body)})`;
    case 'Annotated':
      return `(${printGrouped(e.expr)}${e.type ? ' : ?' : ''}${e.contracts.map(() => ' | ?').join('')})`;
    default:
      throw new Error(`cannot print ${e.kind}`);
  }
}
