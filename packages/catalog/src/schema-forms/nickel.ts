/**
 * The Nickel form: contracts that blame a layer author's own line. Records become closed record
 * contracts (a field per property, with its `description` as `doc`, its `default`, or `optional`),
 * so Nickel points at the offending field; every shared definition becomes a named contract in
 * predicates.ncl whose acceptance is compiled from the definition's keywords (the same verdicts
 * as ajv's) and whose refusal says the definition's `x-lamina-message`, or what its
 * `x-lamina-hint` (a function in the hand-written hints.ncl) makes of the refused value.
 *
 * The source keywords it reads beyond JSON Schema:
 *   x-lamina-message            the sentence of a refusal (on a `oneOf`: `not-record`, `missing`, `unknown`)
 *   x-lamina-hint               hints.ncl function `is -> value -> message` wording a refusal
 *   x-lamina-beyond-json-schema hints.ncl contract for a rule JSON Schema cannot state
 *   x-lamina-nickel-default     a default that is a Nickel expression (it reads other fields)
 *   x-lamina-nickel-name        the exported name of a document's root or of an inline `oneOf`
 */
import { contractName, DEFS_DOCUMENT, defsOf, generatedNotice, isSchema, parseRef, type Schema, type SourceDocument } from './source.js';

/** Keywords that describe rather than constrain: no Nickel counterpart is needed. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', '$defs', 'title', 'description', 'default', 'examples']);

const HELPERS = [
  '# `value` equals `text`, as a string or as the enum tag Nickel has before export.',
  'let same = fun value text => value == text || (std.is_enum value && std.string.from_enum value == text) in',
  'let unique = fun items => std.array.all (fun x => std.array.length (std.array.filter (fun y => y == x) items) == 1) items in',
  "let validated = fun accept text => std.contract.from_validator (fun value => if accept value then 'Ok else 'Error { message = text }) in",
  "let explained = fun accept explain => std.contract.from_validator (fun value => if accept value then 'Ok else 'Error { message = explain value }) in",
];

const NON_EMPTY_MESSAGE = 'expected at least one entry';
const UNIQUE_MESSAGE = 'expected no duplicate entries';

export function nickelText(doc: SourceDocument, all: readonly SourceDocument[]): string {
  return new NickelModule(doc, all).text();
}

class NickelModule {
  private readonly isDefs: boolean;
  /** Contracts hoisted out of records (an inline `oneOf`), exported beside them. */
  private hoisted: string[] = [];

  constructor(
    private readonly doc: SourceDocument,
    private readonly all: readonly SourceDocument[],
  ) {
    this.isDefs = doc.refName === DEFS_DOCUMENT;
  }

  text(): string {
    const out = [`# ${generatedNotice(this.doc.files.source)}`, '#'];
    for (const line of wrap(String(this.doc.schema.description ?? ''), 98)) out.push(`# ${line}`);
    if (this.isDefs) out.push('let hints = import "hints.ncl" in');
    else out.push('let p = import "predicates.ncl" in', 'let hints = import "hints.ncl" in');
    out.push(...HELPERS);
    if (this.isDefs) return this.defsText(out);
    // One recursive record: each contract refers to the others by name, in any order.
    const fields: string[] = [];
    for (const [name, schema] of Object.entries(defsOf(this.doc.schema))) {
      const body = this.contract(schema, 1);
      fields.push(...this.takeHoisted(), `  ${contractName(name)} = ${body},`);
    }
    const rootName = this.doc.schema['x-lamina-nickel-name'];
    if (typeof rootName !== 'string') throw new Error(`${this.doc.files.source}: the root needs \`x-lamina-nickel-name\``);
    const root = this.contract(this.doc.schema, 1);
    fields.push(...this.takeHoisted(), `  ${rootName} = ${root},`);
    out.push('{', ...fields, '}');
    return `${out.join('\n')}\n`;
  }

  /** predicates.ncl: `is` (one acceptance function per definition) and a contract per definition. */
  private defsText(out: string[]): string {
    const defs = Object.entries(defsOf(this.doc.schema));
    out.push('# What JSON Schema accepts, definition by definition (the contracts below and hints.ncl use them).');
    out.push('let accepts = {');
    for (const [name, schema] of defs) out.push(`  ${name} = fun value => ${this.check(schema, 'value', 1)},`);
    out.push('} in', '{', '  is = accepts,');
    for (const [name, schema] of defs) {
      const doc = typeof schema.description === 'string' ? ` | doc ${literal(schema.description)}` : '';
      out.push(`  ${contractName(name)}${doc} = ${this.defContract(name, schema)},`);
    }
    out.push(`  NonEmpty = validated (fun value => std.is_array value && std.array.length value > 0) ${literal(NON_EMPTY_MESSAGE)},`);
    out.push(`  Unique = validated (fun value => std.is_array value && unique value) ${literal(UNIQUE_MESSAGE)},`);
    out.push('}');
    return `${out.join('\n')}\n`;
  }

  /** A shared definition: one check with its message, an enum, or a record contract. */
  private defContract(name: string, schema: Schema): string {
    if (typeof schema['x-lamina-hint'] === 'string') return `explained accepts.${name} (hints.${schema['x-lamina-hint']} accepts)`;
    if (typeof schema['x-lamina-message'] === 'string') return `validated accepts.${name} ${literal(schema['x-lamina-message'])}`;
    const contracts = this.contracts(schema, 1);
    if (contracts.length !== 1) throw new Error(`defs \`${name}\`: needs \`x-lamina-message\` (it has checks beyond its shape)`);
    return contracts[0] ?? 'Dyn';
  }

  private takeHoisted(): string[] {
    const taken = this.hoisted;
    this.hoisted = [];
    return taken;
  }

  // -- contracts: the shape, checked where each value is defined --------------------------------

  /** The single contract of `schema`, where one is needed (an array's items, a dictionary's values, a definition). */
  private contract(schema: Schema, depth: number): string {
    const contracts = this.contracts(schema, depth);
    if (contracts.length === 1) return contracts[0] ?? 'Dyn';
    throw new Error(`a schema whose checks need several contracts cannot stand alone: ${JSON.stringify(schema).slice(0, 120)}`);
  }

  /** The contracts a field of this schema is annotated with, in order. */
  private contracts(schema: Schema, depth: number): string[] {
    if (typeof schema.$ref === 'string') return [this.refContract(schema.$ref)];
    if (Array.isArray(schema.oneOf)) return [this.dispatcher(schema)];
    if (Array.isArray(schema.enum)) return [enumType(schema.enum)];
    if ('const' in schema) return [enumType([schema.const])];
    switch (schema.type) {
      case 'string':
        this.onlyKeywords(schema, []);
        return ['String'];
      case 'boolean':
        this.onlyKeywords(schema, []);
        return ['Bool'];
      case 'integer':
        this.onlyKeywords(schema, ['minimum']);
        if (schema.minimum === 0) return ['std.number.Nat'];
        return schema.minimum === undefined ? ['std.number.Integer'] : [`std.number.Integer`, this.sideCheck(schema, { minimum: schema.minimum }, depth)];
      case 'array': {
        this.onlyKeywords(schema, ['items', 'minItems', 'uniqueItems']);
        const items = isSchema(schema.items) ? this.contract(schema.items, depth) : 'Dyn';
        const out = [`Array ${wrapped(items)}`];
        const beyond = schema['x-lamina-beyond-json-schema'];
        if (typeof beyond === 'string') out.push(`hints.${beyond}`);
        if (schema.minItems === 1) out.push(this.predicate('NonEmpty'));
        else if (schema.minItems !== undefined) throw new Error('minItems other than 1 is not supported');
        if (schema.uniqueItems === true) out.push(this.predicate('Unique'));
        return out;
      }
      case 'object':
        return this.objectContracts(schema, depth);
      default:
        throw new Error(`no Nickel contract for ${JSON.stringify(schema).slice(0, 120)}`);
    }
  }

  private objectContracts(schema: Schema, depth: number): string[] {
    this.onlyKeywords(schema, ['properties', 'required', 'additionalProperties', 'propertyNames', 'if', 'then']);
    const out: string[] = [];
    if (isSchema(schema.properties)) {
      if (schema.additionalProperties !== false) throw new Error('records with properties must be closed (additionalProperties: false)');
      out.push(this.record(schema, depth));
    } else if (isSchema(schema.additionalProperties)) {
      out.push(`{ _ | ${this.contract(schema.additionalProperties, depth)} }`);
    } else out.push('{ _ | Dyn }');
    const side: Record<string, unknown> = {};
    if (schema.propertyNames !== undefined) side.propertyNames = schema.propertyNames;
    if (schema.if !== undefined) Object.assign(side, { if: schema.if, then: schema.then });
    if (Object.keys(side).length > 0) out.push(this.sideCheck(schema, side, depth));
    return out;
  }

  /** A check of what the shape cannot say (key names, conditional fields), with the node's message or hint. */
  private sideCheck(schema: Schema, keywords: Schema, depth: number): string {
    const accept = `(fun value => ${this.check(keywords, 'value', depth + 1, typeOf(schema.type))})`;
    if (typeof schema['x-lamina-hint'] === 'string') return `explained ${accept} (hints.${schema['x-lamina-hint']} ${this.isRecord()})`;
    if (typeof schema['x-lamina-message'] === 'string') return `validated ${accept} ${literal(schema['x-lamina-message'])}`;
    throw new Error(`a check beyond the shape needs \`x-lamina-message\` or \`x-lamina-hint\`: ${JSON.stringify(keywords).slice(0, 120)}`);
  }

  private record(schema: Schema, depth: number): string {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const pad = '  '.repeat(depth + 1);
    const lines = ['{'];
    for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>)) {
      lines.push(`${pad}${fieldName(name)}`);
      for (const c of this.contracts(property, depth + 2)) lines.push(`${pad}  | ${c}`);
      if (typeof property.description === 'string') lines.push(`${pad}  | doc ${literal(property.description)}`);
      const nickelDefault = property['x-lamina-nickel-default'];
      if (typeof nickelDefault === 'string') lines.push(`${pad}  | default = ${nickelDefault}`);
      else if ('default' in property) lines.push(`${pad}  | default = ${this.value(property.default, property)}`);
      else if (!required.has(name)) lines.push(`${pad}  | optional`);
      const last = lines.length - 1;
      lines[last] = `${lines[last]},`;
    }
    lines.push(`${'  '.repeat(depth)}}`);
    return lines.join('\n');
  }

  /** A `oneOf` over records told apart by a constant field: dispatches on that field, as ajv's branch would. */
  private dispatcher(schema: Schema): string {
    const branches = (schema.oneOf as Schema[]).map((b) => {
      if (typeof b.$ref !== 'string') throw new Error('oneOf branches must be $refs');
      return { ref: b.$ref, target: this.resolve(b.$ref, this.doc.refName) };
    });
    const first = branches[0];
    if (!first) throw new Error('empty oneOf');
    const constantOf = (target: Schema, key: string): unknown => propertiesOf(target)[key]?.const;
    const discriminator = Object.keys(propertiesOf(first.target)).find((key) => branches.every((b) => constantOf(b.target, key) !== undefined));
    if (!discriminator) throw new Error('oneOf branches need a common constant field');
    const messages = schema['x-lamina-message'];
    if (!isSchema(messages)) throw new Error('a oneOf needs `x-lamina-message` { not-record, missing, unknown }');
    const text = (key: string): string => literal(String(messages[key] ?? ''));
    const arms = branches.map((b) => {
      const value = constantOf(b.target, discriminator);
      return `        ${tag(String(value))} => 'Ok (std.contract.apply ${this.refContract(b.ref)} label value),`;
    });
    const body = [
      'std.contract.custom (fun label value =>',
      `  if !(std.is_record value) then`,
      `    'Error { message = ${text('not-record')} }`,
      `  else if !(std.record.has_field ${literal(discriminator)} value) then`,
      `    'Error { message = ${text('missing')} }`,
      '  else',
      `    value.${fieldName(discriminator)}`,
      '    |> match {',
      ...arms,
      `        _ => 'Error { message = ${text('unknown')} },`,
      '      }',
      ')',
    ].join('\n');
    const name = schema['x-lamina-nickel-name'];
    if (schema === this.doc.schema) return indent(body, 1);
    if (typeof name !== 'string') throw new Error('an inline oneOf needs `x-lamina-nickel-name`');
    this.hoisted.push(`  ${name} = ${indent(body, 1)},`);
    return name;
  }

  private refContract(ref: string): string {
    const { document, def } = parseRef(ref);
    if (document === '' || document === this.doc.refName) return contractName(def);
    if (document === DEFS_DOCUMENT) return this.isDefs ? contractName(def) : `p.${contractName(def)}`;
    throw new Error(`$ref to another document than ${DEFS_DOCUMENT}: ${ref}`);
  }

  private predicate(name: string): string {
    return this.isDefs ? name : `p.${name}`;
  }

  private isRecord(): string {
    return this.isDefs ? 'accepts' : 'p.is';
  }

  private onlyKeywords(schema: Schema, allowed: readonly string[]): void {
    for (const key of Object.keys(schema)) {
      if (key === 'type' || ANNOTATIONS.has(key) || key.startsWith('x-lamina-') || allowed.includes(key)) continue;
      throw new Error(`keyword \`${key}\` is not supported here (give the value a definition in defs.json): ${JSON.stringify(schema).slice(0, 120)}`);
    }
  }

  // -- checks: what JSON Schema accepts, as a Nickel boolean expression ---------------------------

  /** `subject` satisfies `schema`, by JSON Schema's rules (a keyword applies only to its own type). */
  private check(schema: Schema, subject: string, depth: number, known?: string): string {
    const parts: string[] = [];
    const type = typeof schema.type === 'string' ? schema.type : known;
    const typeTest: Record<string, string> = {
      string: `std.is_string ${subject}`,
      boolean: `std.is_bool ${subject}`,
      integer: `(std.is_number ${subject} && std.number.is_integer ${subject})`,
      number: `std.is_number ${subject}`,
      object: `std.is_record ${subject}`,
      array: `std.is_array ${subject}`,
    };
    const guard = (kind: string, condition: string): void => {
      parts.push(type === kind ? condition : `(!(${typeTest[kind]}) || ${condition})`);
    };
    if (typeof schema.type === 'string') {
      const test = typeTest[schema.type];
      if (test === undefined) throw new Error(`type \`${schema.type}\` is not supported`);
      parts.push(test);
    }
    const x = `x${depth}`;
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'type' || ANNOTATIONS.has(key) || key.startsWith('x-lamina-')) continue;
      switch (key) {
        case '$ref': {
          const { document, def } = parseRef(String(value));
          if (document !== '' && document !== DEFS_DOCUMENT) throw new Error(`checks may only refer to ${DEFS_DOCUMENT}`);
          // Inside predicates.ncl's `is` record a sibling is named directly (the record is recursive).
          parts.push(`${this.isDefs ? def : `p.is.${def}`} ${subject}`);
          break;
        }
        case 'pattern':
          guard('string', `std.string.is_match ${literal(String(value))} ${subject}`);
          break;
        case 'maxLength':
          guard('string', `std.string.length ${subject} <= ${Number(value)}`);
          break;
        case 'minLength':
          guard('string', `std.string.length ${subject} >= ${Number(value)}`);
          break;
        case 'const':
          // A value known to be a string is compared as one; otherwise it may be an enum tag.
          parts.push(type === 'string' ? `${subject} == ${literal(String(value))}` : `same ${subject} ${literal(String(value))}`);
          break;
        case 'enum':
          parts.push(`std.array.any (fun ${x} => same ${subject} ${x}) [${(value as unknown[]).map((v) => literal(String(v))).join(', ')}]`);
          break;
        case 'not':
          parts.push(`!(${this.check(value as Schema, subject, depth + 1, typeOf(type))})`);
          break;
        case 'allOf':
          for (const s of value as Schema[]) parts.push(`(${this.check(s, subject, depth + 1, typeOf(type))})`);
          break;
        case 'anyOf':
          parts.push(`(${(value as Schema[]).map((s) => `(${this.check(s, subject, depth + 1, typeOf(type))})`).join(' || ')})`);
          break;
        case 'items':
          guard('array', `std.array.all (fun ${x} => ${this.check(value as Schema, x, depth + 1)}) ${subject}`);
          break;
        case 'minItems':
          guard('array', `std.array.length ${subject} >= ${Number(value)}`);
          break;
        case 'uniqueItems':
          if (value === true) guard('array', `unique ${subject}`);
          break;
        case 'minimum':
          guard('number', `${subject} >= ${Number(value)}`);
          break;
        case 'required':
          for (const name of value as string[]) guard('object', `std.record.has_field ${literal(name)} ${subject}`);
          break;
        case 'properties':
          for (const [name, property] of Object.entries(value as Record<string, Schema>)) {
            const field = `(std.record.get ${literal(name)} ${subject})`;
            guard('object', `(!(std.record.has_field ${literal(name)} ${subject}) || ${this.check(property, field, depth + 1)})`);
          }
          break;
        case 'additionalProperties':
          if (value === false) {
            const known = Object.keys(isSchema(schema.properties) ? schema.properties : {}).map(literal);
            guard('object', `std.array.all (fun ${x} => std.array.elem ${x} [${known.join(', ')}]) (std.record.fields ${subject})`);
          } else if (isSchema(value)) {
            if (schema.properties !== undefined) throw new Error('additionalProperties with properties is not supported');
            guard('object', `std.array.all (fun ${x} => ${this.check(value, x, depth + 1)}) (std.record.values ${subject})`);
          }
          break;
        case 'propertyNames':
          guard('object', `std.array.all (fun ${x} => ${this.check(value as Schema, x, depth + 1)}) (std.record.fields ${subject})`);
          break;
        case 'if':
          parts.push(`(!(${this.check(value as Schema, subject, depth + 1)}) || (${this.check((schema.then ?? {}) as Schema, subject, depth + 1)}))`);
          break;
        case 'then':
          break;
        default:
          throw new Error(`keyword \`${key}\` has no Nickel check`);
      }
    }
    return parts.length === 0 ? 'true' : parts.join(' && ');
  }

  // -- values --------------------------------------------------------------------------------

  /** A JSON default as a Nickel value: strings of an enum are its tags. */
  private value(value: unknown, schema: Schema): string {
    const target = typeof schema.$ref === 'string' ? this.resolve(schema.$ref, this.doc.refName) : schema;
    if (typeof value === 'string') return Array.isArray(target.enum) || 'const' in target ? tag(value) : literal(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) {
      const items = isSchema(target.items) ? target.items : {};
      return `[${value.map((v) => this.value(v, items)).join(', ')}]`;
    }
    if (isSchema(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) return '{}';
      const properties = isSchema(target.properties) ? (target.properties as Record<string, Schema>) : {};
      const rest = isSchema(target.additionalProperties) ? target.additionalProperties : {};
      return `{ ${entries.map(([k, v]) => `${fieldName(k)} = ${this.value(v, properties[k] ?? rest)}`).join(', ')} }`;
    }
    throw new Error(`no Nickel value for ${JSON.stringify(value)}`);
  }

  private resolve(ref: string, from: string): Schema {
    const { document, def } = parseRef(ref);
    const doc = this.all.find((d) => d.refName === (document === '' ? from : document));
    const target = doc ? defsOf(doc.schema)[def] : undefined;
    if (!target) throw new Error(`unresolved $ref ${ref}`);
    return typeof target.$ref === 'string' ? this.resolve(target.$ref, doc?.refName ?? from) : target;
  }
}

function propertiesOf(schema: Schema): Readonly<Record<string, Schema | undefined>> {
  return isSchema(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
}

/** A type already checked by the enclosing schema holds for its `allOf`/`anyOf`/`not` too. */
function typeOf(type: unknown): string | undefined {
  return typeof type === 'string' ? type : undefined;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'let', 'in', 'fun', 'match', 'import', 'rec', 'forall', 'true', 'false', 'null', 'default', 'optional']);

function fieldName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name) ? name : literal(name);
}

function tag(value: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? `'${value}` : `'${literal(value)}`;
}

function enumType(values: readonly unknown[]): string {
  return `[| ${values.map((v) => tag(String(v))).join(', ')} |]`;
}

/** A Nickel string literal; `%{` would start an interpolation, so the source may not contain it. */
function literal(text: string): string {
  if (text.includes('%{')) throw new Error(`\`%{\` in a string of the source: ${text}`);
  return JSON.stringify(text);
}

function indent(text: string, depth: number): string {
  return text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

function wrapped(contract: string): string {
  return /^[A-Za-z_.]+$/.test(contract) || contract.startsWith('{') || contract.startsWith('[|') ? contract : `(${contract})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
