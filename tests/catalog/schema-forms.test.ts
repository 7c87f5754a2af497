/**
 * The generated forms of the layer format (schemas/source/ → JSON Schemas, Nickel contracts)
 * are what is committed, byte for byte, and they judge alike: every sample of schemas/examples/
 * is accepted by both or refused by both (the Nickel refusal naming the field its `# expect:`
 * header names), except a sample headed `# beyond-json-schema:`, which breaks a rule JSON Schema
 * cannot state (Nickel refuses it, the schema accepts it). Bad samples name what they break
 * (`# breaks: <definition>` or `# breaks: keyword:<keyword>`), and every shared definition and
 * every constraining keyword the source uses is broken by at least one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { evaluateSource, NickelError } from '@lamina/nickel';
import { plainToJson, type Json } from '../../packages/catalog/src/load/index.js';
import { defsOf, readSources } from '../../packages/catalog/src/schema-forms/source.js';
import { formsOf, syncSchemaForms } from '../../packages/catalog/src/schema-forms/index.js';
import { DOCUMENT_TYPES, documentTypesText } from '../../packages/catalog/src/schema-forms/typescript.js';
import { lamina, REPO } from './support.js';

const EXAMPLES = join(REPO, 'schemas/examples');
const CONTRACTS = join(REPO, 'schemas/contracts.ncl');
const HEADER = /^#\s*(contract|schema|expect|beyond-json-schema|breaks):\s*(.+?)\s*$/gm;

interface Sample {
  readonly name: string;
  readonly verdict: 'good' | 'bad';
  readonly text: string;
  readonly headers: ReadonlyMap<string, string[]>;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  for (const verdict of ['good', 'bad'] as const) {
    for (const name of readdirSync(join(EXAMPLES, verdict))
      .filter((f) => f.endsWith('.ncl'))
      .sort()) {
      const text = readFileSync(join(EXAMPLES, verdict, name), 'utf8');
      const headers = new Map<string, string[]>();
      for (const [, key = '', value = ''] of text.matchAll(HEADER)) headers.set(key, [...(headers.get(key) ?? []), value]);
      out.push({ name: `${verdict}/${name}`, verdict, text, headers });
    }
  }
  return out;
}

const header = (s: Sample, key: string): string | undefined => s.headers.get(key)?.[0];

/** The sample's value exported, or the Nickel refusal (message, labels and notes). */
function exported(program: string): { json: Json } | { error: string } {
  try {
    return { json: plainToJson(evaluateSource(program, { name: '<sample>' }).toPlain()) };
  } catch (e) {
    if (!(e instanceof NickelError)) throw e;
    return { error: [e.message, ...e.labels.map((l) => l.message), ...e.notes].join('\n') };
  }
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

function jsonSchemaValidators(): Record<string, Validate> {
  // ajv is the catalog package's dependency: resolved from there, the version `lamina validate` uses.
  const require = createRequire(join(REPO, 'packages/catalog/package.json'));
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const f of readdirSync(join(REPO, 'schemas')).filter((f) => f.endsWith('.schema.json')))
    ajv.addSchema(JSON.parse(readFileSync(join(REPO, 'schemas', f), 'utf8')));
  const get = (ref: string): Validate => {
    const v = ajv.getSchema(`https://lamina.librecloud.online/schemas/${ref}`);
    if (!v) throw new Error(`no schema ${ref}`);
    return v as Validate;
  };
  return {
    'build-directives': get('build-directives.schema.json'),
    workflow: get('workflow.schema.json'),
    adr: get('adr.schema.json'),
  };
}

test('the committed schema forms are what the source generates, and generating twice gives the same bytes', () => {
  const first = formsOf(readSources(REPO));
  const second = formsOf(readSources(REPO));
  assert.ok(first.size >= 8);
  for (const [path, text] of first) {
    assert.is(second.get(path), text, path);
    assert.is(readFileSync(join(REPO, path), 'utf8'), text, `${path} differs from its source: run \`pnpm gen\``);
    assert.ok(text.includes('generated from schemas/source/') && text.includes('by lamina gen — do not edit'), `${path} has no generated header`);
  }
});

test('the committed TypeScript types of the documents are what the source generates', async () => {
  const text = await documentTypesText(readSources(REPO));
  assert.is(readFileSync(join(REPO, DOCUMENT_TYPES), 'utf8'), text, `${DOCUMENT_TYPES} differs from its source: run \`pnpm gen\``);
  assert.is(await documentTypesText(readSources(REPO)), text);
});

test('the generated forms accept and refuse the same samples', () => {
  const validators = jsonSchemaValidators();
  const all = samples();
  const counts = { good: 0, bad: 0, beyond: 0 };
  for (const s of all) {
    const contract = header(s, 'contract');
    const schema = header(s, 'schema');
    assert.ok(contract && schema && validators[schema], `${s.name}: needs \`# contract:\` and \`# schema:\` headers`);
    const validate = validators[schema] as Validate;
    const file = join(EXAMPLES, s.name);
    const raw = exported(`import ${JSON.stringify(file)}`);
    assert.ok('json' in raw, `${s.name}: the sample itself does not evaluate: ${'error' in raw ? raw.error : ''}`);
    if (!('json' in raw)) continue;
    const checked = exported(`let c = import ${JSON.stringify(CONTRACTS)} in (import ${JSON.stringify(file)}) | c.${contract}`);
    const schemaAccepts = validate(structuredClone(raw.json));
    if (s.verdict === 'good') {
      counts.good++;
      assert.ok('json' in checked, `${s.name}: Nickel refuses a good sample: ${'error' in checked ? checked.error : ''}`);
      assert.ok(schemaAccepts, `${s.name}: the JSON Schema refuses a good sample: ${JSON.stringify(validate.errors)}`);
      if ('json' in checked) assert.ok(validate(checked.json), `${s.name}: the export with defaults fails the JSON Schema: ${JSON.stringify(validate.errors)}`);
      continue;
    }
    counts.bad++;
    assert.ok('error' in checked, `${s.name}: Nickel accepts a bad sample`);
    const expect = header(s, 'expect')?.split('.').pop();
    if ('error' in checked && expect) assert.ok(checked.error.includes(expect), `${s.name}: the Nickel refusal does not name \`${expect}\`: ${checked.error}`);
    if (header(s, 'beyond-json-schema') !== undefined) {
      counts.beyond++;
      assert.ok(schemaAccepts, `${s.name}: marked beyond JSON Schema, yet the schema refuses it (drop the header)`);
    } else assert.not.ok(schemaAccepts, `${s.name}: the JSON Schema accepts a bad sample`);
  }
  // The figures the README quotes; a new sample changes them on purpose.
  assert.equal(counts, { good: 6, bad: 46, beyond: 1 });
});

test('every shared definition and every constraining keyword of the source is broken by a bad sample', () => {
  const broken = new Set(samples().flatMap((s) => (s.verdict === 'bad' ? (s.headers.get('breaks') ?? []).flatMap((b) => b.split(/\s*,\s*/)) : [])));
  const sources = readSources(REPO);
  const defs = sources.find((d) => d.refName === 'defs.schema.json');
  assert.ok(defs);
  const missing: string[] = [];
  for (const name of Object.keys(defs ? defsOf(defs.schema) : {})) if (!broken.has(name)) missing.push(name);
  const keywords = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (CONSTRAINTS.has(k)) keywords.add(k);
        if (k === 'properties' && v !== null && typeof v === 'object') Object.values(v).forEach(visit);
        else visit(v);
      }
    }
  };
  for (const doc of sources) visit(doc.schema);
  for (const k of keywords) if (!broken.has(`keyword:${k}`)) missing.push(`keyword:${k}`);
  assert.equal(missing, [], `no bad sample breaks: ${missing.join(', ')}`);
});

/** Keywords that refuse values (the others describe them). */
const CONSTRAINTS = new Set([
  'required',
  'additionalProperties',
  'enum',
  'const',
  'minItems',
  'uniqueItems',
  'propertyNames',
  'if',
  'minimum',
  'oneOf',
  'type',
  'maxLength',
  'not',
  'pattern',
  'anyOf',
  'allOf',
  'items',
]);

test('the workflow default registry of contracts.ncl is the schema default', () => {
  const workflow = JSON.parse(readFileSync(join(REPO, 'schemas/workflow.schema.json'), 'utf8')) as { properties: { registry: { default: string } } };
  const c = exported(`(import ${JSON.stringify(CONTRACTS)}).default_registry`);
  assert.equal(c, { json: workflow.properties.registry.default });
});

test('a generated form edited by hand is stale for gen --check, which names it and exits 1', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lamina-forms-'));
  try {
    for (const d of ['layers', 'schemas', 'templates', 'adr', 'generated']) cpSync(join(REPO, d), join(root, d), { recursive: true });
    assert.equal(syncSchemaForms(root, true).stale, []);
    appendFileSync(join(root, 'schemas/contracts/build.ncl'), '# edited\n');
    appendFileSync(join(root, 'schemas/defs.schema.json'), '\n');
    assert.equal(syncSchemaForms(root, true).stale, ['schemas/contracts/build.ncl', 'schemas/defs.schema.json']);
    const run = await lamina(['gen', '--check', '--no-cache'], root);
    assert.is(run.code, 1);
    assert.match(run.stderr, 'schemas/contracts/build.ncl: stale');
    assert.match(run.stderr, 'schemas/defs.schema.json: stale');
    assert.is((await lamina(['gen', '--no-cache'], root)).code, 0);
    assert.equal(syncSchemaForms(root, true).stale, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
