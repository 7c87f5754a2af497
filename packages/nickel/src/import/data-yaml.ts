import type { Document, Node } from 'yaml';
import { yamlLib } from './libraries.js';
import { PlainRecord, type Plain } from '../export/plain.js';
import { fromInt } from '../number/num.js';
import { sortFields } from '../export/plain.js';
import { DataSyntaxError, mergeDefinitions } from './data-json.js';
import { exactDecimal } from './data-numbers.js';

const CORE_TAG = 'tag:yaml.org,2002:';

/**
 * YAML 1.2 as the reference loads it: every document of the stream (several become an array, none
 * is null; `always` makes even one document an array, as for `'YamlDocuments`), quoted scalars are
 * strings, plain scalars are read as null, booleans, 64-bit integers (also `0x`/`0o`/`+`), exact
 * decimals, or strings, core-schema tags (`!!int`, `!!str`, …) are checked, other tags ignored,
 * aliases copy their anchor's value, keys are always strings.
 */
export function parseYaml(text: string, always: boolean): Plain {
  const docs = yamlLib().parseAllDocuments(text, {
    schema: 'failsafe', // scalars stay strings: we resolve them ourselves, like the reference
    merge: false,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const values: Plain[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) throw syntaxError(text, error.message.split('\n', 1)[0] ?? '', error.pos[0]);
    values.push(new YamlLoader(text, doc).node(doc.contents, new Set()));
  }
  if (always || values.length > 1) return values;
  return values[0] ?? null;
}

function syntaxError(text: string, message: string, offset: number): DataSyntaxError {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return new DataSyntaxError(message, offset, line, column);
}

class YamlLoader {
  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {}

  private fail(message: string, node: Node | null): never {
    throw syntaxError(this.text, message, node?.range?.[0] ?? 0);
  }

  /** `active` holds the aliases being expanded, to refuse the recursive ones. */
  node(node: Node | null | undefined, active: Set<Node>): Plain {
    if (node === null || node === undefined) return null;
    if (yamlLib().isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) this.fail(`unknown anchor ${node.source}`, node);
      if (active.has(target)) this.fail('recursive aliases are not supported', node);
      active.add(target);
      const value = this.node(target, active);
      active.delete(target);
      return value;
    }
    if (yamlLib().isSeq(node)) return node.items.map((item) => this.node(item as Node | null, active));
    if (yamlLib().isMap(node)) {
      const fields = new Map<string, Plain>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        let name: string;
        if (key === null) name = '';
        else if (yamlLib().isScalar(key)) name = String(key.value ?? '');
        else this.fail('Nickel records only support string keys', key);
        const value = this.node(pair.value as Node | null, active);
        const previous = fields.get(name);
        // A key given twice defines the field twice: the definitions merge.
        fields.set(name, previous === undefined ? value : mergeDefinitions(previous, value));
      }
      return new PlainRecord(sortFields([...fields]));
    }
    if (yamlLib().isScalar(node)) return this.scalar(String(node.value ?? ''), node.type === 'PLAIN', node.tag, node);
    this.fail('unsupported YAML node', node);
  }

  private scalar(value: string, plain: boolean, tag: string | undefined, node: Node): Plain {
    if (!plain) return value; // any quoted or block scalar is a string
    if (tag?.startsWith(CORE_TAG)) {
      switch (tag.slice(CORE_TAG.length)) {
        case 'bool':
          if (value === 'true' || value === 'false') return value === 'true';
          this.fail('invalid bool scalar', node);
        case 'int':
          if (/^[+-]?[0-9]+$/.test(value) && fitsI64(value)) return fromInt(BigInt(value));
          this.fail('invalid int scalar', node);
        case 'float': {
          const n = this.float(value, node);
          if (n === undefined) this.fail('invalid float scalar', node);
          return n;
        }
        case 'null':
          if (value === '~' || value === 'null') return null;
          this.fail('invalid null scalar', node);
        case 'str':
          return value;
        default:
          this.fail('unknown tag', node);
      }
    }
    return this.infer(value, node);
  }

  /** The type of an untagged plain scalar, from its text. */
  private infer(v: string, node: Node): Plain {
    const radix = (prefix: string, digits: RegExp, base: string): Plain | undefined => {
      if (!v.startsWith(prefix)) return undefined;
      const m = /^([+-]?)(.+)$/.exec(v.slice(prefix.length));
      const [, sign, body = ''] = m ?? [];
      if (!m || !digits.test(body)) return undefined;
      const n = BigInt(base + body) * (sign === '-' ? -1n : 1n);
      return n >= I64_MIN && n <= I64_MAX ? fromInt(n) : undefined;
    };
    const hex = radix('0x', /^[0-9a-fA-F]+$/, '0x');
    if (hex !== undefined) return hex;
    const oct = radix('0o', /^[0-7]+$/, '0o');
    if (oct !== undefined) return oct;
    if (v.startsWith('+') && /^[+-]?[0-9]+$/.test(v.slice(1)) && fitsI64(v.slice(1))) return fromInt(BigInt(v.slice(1)));
    if (v === '' || v === '~' || v === 'null' || v === 'Null' || v === 'NULL') return null;
    if (v === 'true' || v === 'True' || v === 'TRUE') return true;
    if (v === 'false' || v === 'False' || v === 'FALSE') return false;
    if (/^[+-]?[0-9]+$/.test(v) && fitsI64(v)) return fromInt(BigInt(v));
    return this.float(v, node) ?? v;
  }

  /** Infinity and NaN are errors, not strings; anything else with a digit may be a decimal. */
  private float(v: string, node: Node): Plain | undefined {
    if (/^[+-]?\.(inf|Inf|INF)$/.test(v) || /^\.(nan|NaN|NAN)$/.test(v)) {
      this.fail('Nickel numbers cannot be inf or NaN', node);
    }
    if (!/[0-9]/.test(v)) return undefined;
    return exactDecimal(v);
  }
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function fitsI64(text: string): boolean {
  const n = BigInt(text);
  return n >= I64_MIN && n <= I64_MAX;
}
