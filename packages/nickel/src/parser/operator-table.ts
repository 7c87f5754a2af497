/** The infix operators: punctuation → precedence level (see operators.ts) and AST operator. */
import type { BinaryOperator } from '../ast/nodes.js';

export interface InfixInfo {
  level: number;
  op: BinaryOperator | 'Arrow';
}

export const INFIX: ReadonlyMap<string, InfixInfo> = new Map<string, InfixInfo>([
  ['++', { level: 2, op: 'StrConcat' }],
  ['@', { level: 2, op: 'ArrayConcat' }],
  ['*', { level: 3, op: 'Mul' }],
  ['/', { level: 3, op: 'Div' }],
  ['%', { level: 3, op: 'Mod' }],
  ['+', { level: 4, op: 'Add' }],
  ['-', { level: 4, op: 'Sub' }],
  ['&', { level: 6, op: 'Merge' }],
  ['|>', { level: 6, op: 'Pipe' }],
  ['<', { level: 7, op: 'Lt' }],
  ['<=', { level: 7, op: 'Le' }],
  ['>', { level: 7, op: 'Gt' }],
  ['>=', { level: 7, op: 'Ge' }],
  ['==', { level: 8, op: 'Eq' }],
  ['!=', { level: 8, op: 'Neq' }],
  ['&&', { level: 9, op: 'And' }],
  ['||', { level: 10, op: 'Or' }],
  ['->', { level: 11, op: 'Arrow' }],
]);
