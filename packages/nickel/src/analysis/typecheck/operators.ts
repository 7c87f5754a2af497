/**
 * The types of operators and primitive operations, as the reference gives them: the argument
 * types and the result type, already instantiated with fresh unification variables. A primop the
 * table does not know takes and returns anything.
 */
import type { BinaryOperator } from '../../ast/nodes.js';
import type { UnifState } from './state.js';
import { arrayOf, arrow, BOOL, dictOf, DYN, enumOf, erow, NUMBER, recordType, STRING, tagsEnum, type UType } from './types.js';

export interface OpType {
  readonly args: UType[];
  readonly result: UType;
}

const FORMATS = (): UType => tagsEnum('Json', 'Toml', 'Yaml', 'YamlDocuments');
const BASE64 = (): UType => tagsEnum('Standard', 'UrlSafe', 'NoPad', 'UrlSafeNoPad');
const MATCH = (): UType =>
  recordType([
    ['matched', STRING],
    ['index', NUMBER],
    ['groups', arrayOf(STRING)],
  ]);

export function binaryOpType(op: BinaryOperator, st: UnifState, level: number): OpType {
  switch (op) {
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'Mod':
      return { args: [NUMBER, NUMBER], result: NUMBER };
    case 'StrConcat':
      return { args: [STRING, STRING], result: STRING };
    case 'ArrayConcat': {
      const a = arrayOf(st.freshType(level));
      return { args: [a, a], result: a };
    }
    case 'Eq':
    case 'Neq':
      return { args: [st.freshType(level), st.freshType(level)], result: BOOL };
    case 'Lt':
    case 'Le':
    case 'Gt':
    case 'Ge':
      return { args: [NUMBER, NUMBER], result: BOOL };
    case 'And':
    case 'Or':
      return { args: [BOOL, BOOL], result: BOOL };
    case 'Merge':
      return { args: [DYN, DYN], result: DYN };
    case 'Pipe':
      // handled as an application
      return { args: [DYN, DYN], result: DYN };
  }
}

export function primOpType(name: string, st: UnifState, level: number): OpType {
  const v = (): UType => st.freshType(level);
  switch (name) {
    case 'typeof':
      return {
        args: [DYN],
        result: tagsEnum('Number', 'Bool', 'String', 'Enum', 'Function', 'CustomContract', 'Array', 'Record', 'Label', 'ForeignId', 'Type', 'Other'),
      };
    case 'blame':
      return { args: [DYN], result: v() };
    case 'array/map': {
      const a = v();
      const b = v();
      return { args: [arrayOf(a), arrow(a, b)], result: arrayOf(b) };
    }
    case 'array/generate': {
      const a = v();
      return { args: [NUMBER, arrow(NUMBER, a)], result: arrayOf(a) };
    }
    case 'array/length':
      return { args: [arrayOf(v())], result: NUMBER };
    case 'array/at': {
      const a = v();
      return { args: [arrayOf(a), NUMBER], result: a };
    }
    case 'array/slice': {
      const a = v();
      return { args: [NUMBER, NUMBER, arrayOf(a)], result: arrayOf(a) };
    }
    case 'record/map': {
      const a = v();
      const b = v();
      return { args: [dictOf(a), arrow(STRING, arrow(a, b))], result: dictOf(b) };
    }
    case 'record/fields':
    case 'record/fields_with_opts':
      return { args: [dictOf(v())], result: arrayOf(STRING) };
    case 'record/values': {
      const a = v();
      return { args: [dictOf(a)], result: arrayOf(a) };
    }
    case 'record/has_field':
    case 'record/has_field_with_opts':
    case 'record/field_is_defined':
    case 'record/field_is_defined_with_opts':
      return { args: [STRING, dictOf(v())], result: BOOL };
    case 'record/insert':
    case 'record/insert_with_opts': {
      const a = v();
      return { args: [STRING, dictOf(a), a], result: dictOf(a) };
    }
    case 'record/remove':
    case 'record/remove_with_opts': {
      const a = v();
      return { args: [STRING, dictOf(a)], result: dictOf(a) };
    }
    case 'record/get': {
      const a = v();
      return { args: [STRING, dictOf(a)], result: a };
    }
    case 'record/freeze': {
      const d = dictOf(v());
      return { args: [d], result: d };
    }
    case 'seq':
    case 'deep_seq': {
      const b = v();
      return { args: [v(), b], result: b };
    }
    case 'string/trim':
    case 'string/uppercase':
    case 'string/lowercase':
      return { args: [STRING], result: STRING };
    case 'string/chars':
      return { args: [STRING], result: arrayOf(STRING) };
    case 'string/length':
      return { args: [STRING], result: NUMBER };
    case 'to_string':
      return { args: [DYN], result: STRING };
    case 'number/from_string':
      return { args: [STRING], result: NUMBER };
    case 'string/is_match':
    case 'string/contains':
      return { args: [STRING, STRING], result: BOOL };
    case 'string/find':
      return { args: [STRING, STRING], result: MATCH() };
    case 'string/find_all':
      return { args: [STRING, STRING], result: arrayOf(MATCH()) };
    case 'string/compare':
      return { args: [STRING, STRING], result: tagsEnum('Lesser', 'Equal', 'Greater') };
    case 'string/split':
      return { args: [STRING, STRING], result: arrayOf(STRING) };
    case 'string/replace':
    case 'string/replace_regex':
      return { args: [STRING, STRING, STRING], result: STRING };
    case 'string/substr':
      return { args: [STRING, NUMBER, NUMBER], result: STRING };
    case 'string/base64_encode':
      return { args: [BASE64(), STRING], result: STRING };
    case 'string/base64_decode':
      return {
        args: [BASE64(), STRING],
        result: enumOf(erow('Ok', STRING, erow('Error', recordType([['message', STRING]]), { tag: 'Empty' }))),
      };
    case 'trace': {
      const a = v();
      return { args: [STRING, a], result: a };
    }
    case 'hash':
      return { args: [tagsEnum('Md5', 'Sha1', 'Sha256', 'Sha512'), STRING], result: STRING };
    case 'serialize':
      return { args: [FORMATS(), v()], result: STRING };
    case 'deserialize':
      return { args: [FORMATS(), STRING], result: DYN };
    case 'number/cos':
    case 'number/sin':
    case 'number/tan':
    case 'number/arccos':
    case 'number/arcsin':
    case 'number/arctan':
      return { args: [NUMBER], result: NUMBER };
    case 'number/arctan2':
    case 'number/log':
    case 'pow':
      return { args: [NUMBER, NUMBER], result: NUMBER };
    case 'enum/is_variant':
      return { args: [DYN], result: BOOL };
    case 'enum/get_tag':
    case 'enum/get_arg':
    case 'force':
      return { args: [DYN], result: DYN };
    default:
      // unknown: whatever it is applied to, it gives anything
      return { args: [], result: v() };
  }
}

/** `%enum/embed% Tag e`: widens `e`'s enum type with `'Tag`. */
export function embedType(tag: string, st: UnifState, level: number): OpType {
  const rows = st.freshERows(level);
  return { args: [enumOf(rows)], result: enumOf(erow(tag, undefined, rows)) };
}

/** Arrow type `a1 -> … -> an -> result`. */
export function naryArrow(args: UType[], result: UType): UType {
  return args.reduceRight((codomain, domain) => arrow(domain, codomain), result);
}
