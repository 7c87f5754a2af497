/** Primops about evaluation itself (seq, force, typeof), numbers, hashing and (de)serialisation. */
import { cryptoLib, yamlLib } from '../import/libraries.js';
import { missingFieldDef } from '../diagnostics/eval-errors.js';
import { serializeValue } from '../export/serialize.js';
import { parseData } from '../import/data.js';
import * as N from '../number/num.js';
import { fromPlain } from '../eval/from-plain.js';
import { otherError } from '../eval/errors.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, CustomContract, EnumValue, ForeignValue, isFunc, isNum, LabelValue, RecordValue, TypeContract, type Value } from '../eval/value.js';
import { enumArg, numArg, op, strArg, type PrimopTable } from './table.js';

export function typeTag(v: Value): string {
  if (v === null) return 'Other';
  if (typeof v === 'boolean') return 'Bool';
  if (isNum(v)) return 'Number';
  if (typeof v === 'string') return 'String';
  if (v instanceof ArrayValue) return 'Array';
  if (v instanceof RecordValue) return 'Record';
  if (v instanceof EnumValue) return 'Enum';
  if (isFunc(v)) return 'Function';
  if (v instanceof LabelValue) return 'Label';
  if (v instanceof ForeignValue) return 'ForeignId';
  if (v instanceof CustomContract) return 'CustomContract';
  if (v instanceof TypeContract) return 'Type';
  return 'Other';
}

/** Forces a value and everything inside it (`%deep_seq%`, `%force%`). */
export function deepForce(v: Value): void {
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const x = stack.pop()!;
    // data read from a file or a string (eval/from-plain.ts) holds nothing left to evaluate
    if ((x instanceof ArrayValue || x instanceof RecordValue) && x.data !== undefined) continue;
    if (x instanceof ArrayValue) for (const t of x.items) stack.push(t.force());
    else if (x instanceof RecordValue) {
      x.fields.forEach((f, n) => {
        if (f.value) stack.push(f.value.force());
        else if (!f.optional) throw missingFieldDef(n, f.span, undefined, x.span);
      });
    } else if (x instanceof EnumValue && x.arg) stack.push(x.arg.force());
  }
}

function float1(name: string, fn: (x: number) => number) {
  return op(1, (a, s) => {
    const r = N.fromFloat(fn(N.toFloat(numArg(name, a, 0, s))));
    if (r === undefined) throw otherError(`${name}: the result is not a finite number`, s);
    return r;
  });
}

const FORMATS: Record<string, 'json' | 'yaml' | 'toml' | 'text'> = { Json: 'json', Yaml: 'yaml', Toml: 'toml', Text: 'text', Raw: 'text' };

export const MISC_PRIMOPS: PrimopTable = {
  typeof: op(1, (a) => new EnumValue(typeTag(a[0].force()), undefined)),
  cast: op(1, (a) => {
    const v = a[0].force();
    return new EnumValue(typeTag(v), Thunk.of(v));
  }),
  seq: op(2, (a) => {
    a[0].force();
    return a[1].force();
  }),
  deep_seq: op(2, (a) => {
    deepForce(a[0].force());
    return a[1].force();
  }),
  force: op(1, (a) => {
    const v = a[0].force();
    deepForce(v);
    return v;
  }),
  rec_force: op(1, (a) => a[0].force()),
  rec_default: op(1, (a) => a[0].force()),
  trace: op(2, (a, s, n) => {
    process.stderr.write(`std.trace: ${strArg(n, a, 0, s)}\n`);
    return a[1].force();
  }),
  pow: op(2, (a, s, n) => {
    const r = N.pow(numArg(n, a, 0, s), numArg(n, a, 1, s));
    if (r === undefined) throw otherError(`${n}: the result is not a finite number`, s);
    return r;
  }),
  'number/arccos': float1('number/arccos', Math.acos),
  'number/arcsin': float1('number/arcsin', Math.asin),
  'number/arctan': float1('number/arctan', Math.atan),
  'number/cos': float1('number/cos', Math.cos),
  'number/sin': float1('number/sin', Math.sin),
  'number/tan': float1('number/tan', Math.tan),
  'number/arctan2': op(2, (a, s, n) => {
    const r = N.fromFloat(Math.atan2(N.toFloat(numArg(n, a, 0, s)), N.toFloat(numArg(n, a, 1, s))));
    if (r === undefined) throw otherError(`${n}: the result is not a finite number`, s);
    return r;
  }),
  'number/log': op(2, (a, s, n) => {
    const x = N.toFloat(numArg(n, a, 0, s));
    const base = N.toFloat(numArg(n, a, 1, s));
    const r = N.fromFloat(base === 2 ? Math.log2(x) : base === 10 ? Math.log10(x) : Math.log(x) / Math.log(base));
    if (r === undefined) throw otherError(`${n}: the result is not a finite number`, s);
    return r;
  }),
  hash: op(2, (a, s, n) => {
    const algo = enumArg(n, a, 0, s).tag;
    const text = strArg(n, a, 1, s);
    const names: Record<string, string> = { Md5: 'md5', Sha1: 'sha1', Sha256: 'sha256', Sha512: 'sha512' };
    const name = names[algo];
    if (!name) throw otherError(`${n}: unknown hash function '${algo}`, s);
    return cryptoLib().createHash(name).update(text, 'utf8').digest('hex');
  }),
  serialize: op(2, (a, s, n, rt) => {
    const tag = enumArg(n, a, 0, s).tag;
    if (tag === 'YamlDocuments') {
      const docs = rt.toPlain(a[1].force());
      if (!Array.isArray(docs)) throw otherError(`${n}: 'YamlDocuments expects an Array of documents`, s);
      return docs.map((d) => '---\n' + serializeValue(d, 'yaml')).join('');
    }
    const format = FORMATS[tag];
    if (!format) throw otherError(`${n}: unknown format`, s);
    return serializeValue(rt.toPlain(a[1].force()), format);
  }),
  deserialize: op(2, (a, s, n) => {
    const tag = enumArg(n, a, 0, s).tag;
    if (tag === 'Text' || tag === 'Raw') return strArg(n, a, 1, s);
    if (tag === 'YamlDocuments') {
      const docs = yamlLib().parseAllDocuments(strArg(n, a, 1, s));
      const list = Array.isArray(docs) ? docs : [docs];
      return new ArrayValue(list.map((d) => Thunk.of(fromPlain(parseData(String(d), 'Yaml', '<deserialize>')))));
    }
    if (!FORMATS[tag]) throw otherError(`${n}: unknown format`, s);
    return fromPlain(parseData(strArg(n, a, 1, s), tag as 'Json' | 'Yaml' | 'Toml', '<deserialize>'));
  }),
  eval_nix: op(1, (_a, s) => {
    throw otherError('Nix evaluation is not supported', s);
  }),
};
