/**
 * The bake file: the HCL (rendered from templates/bake.hcl.hbs) parsed by a real HCL parser
 * equals the JSON (serialised from the typed object); every inter-layer reference a Dockerfile
 * makes is wired to its target through `contexts`, and nothing else is.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { BAKE_HCL, BAKE_JSON, render } from '../../packages/catalog/src/generate/index.js';
import { dockerfilePath, resolveBakeValue, type BakeFile } from '../../packages/catalog/src/generate/bake.js';
import { hclString } from '../../packages/catalog/src/generate/quote.js';
import { cleanFixtures, REPO } from './support.js';
import { cleanCopies, fixtureWithTemplates, requireFromCatalog } from './generate-support.js';

const hcl2json = requireFromCatalog('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, unknown>> };

test.after(() => {
  cleanCopies();
  cleanFixtures();
});

/** hcl2json writes every block as a list of bodies; a bake file has one body per label. */
function unwrapBlocks(parsed: Record<string, unknown>): unknown {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [kind, byLabel] of Object.entries(parsed)) {
    out[kind] = {};
    for (const [label, bodies] of Object.entries(byLabel as Record<string, unknown[]>)) {
      assert.is(bodies.length, 1, `${kind} "${label}" is defined once`);
      out[kind]![label] = bodies[0];
    }
  }
  return out;
}

async function bakeOf(root: string): Promise<{ json: BakeFile; hcl: unknown; files: Map<string, string> }> {
  const catalog = loadCatalog(root);
  const rendered = await render(catalog, { root });
  if (!rendered.ok) throw new Error(rendered.diagnostics.map((d) => d.message).join('\n'));
  const json = JSON.parse(rendered.files.get(BAKE_JSON)!) as BakeFile;
  const hcl = unwrapBlocks(await hcl2json.parse('docker-bake.hcl', rendered.files.get(BAKE_HCL)!));
  return { json, hcl, files: rendered.files };
}

for (const [what, root] of [
  ['the shipped catalog', () => REPO],
  ['the `good` fixture', () => fixtureWithTemplates('good')],
] as const) {
  test(`HCL parses to the same value as the JSON (${what})`, async () => {
    const { json, hcl } = await bakeOf(root());
    assert.equal(hcl, json);
  });

  test(`contexts wire exactly the inter-layer references of each Dockerfile (${what})`, async () => {
    const { json, files } = await bakeOf(root());
    for (const [name, target] of Object.entries(json.target)) {
      const text = files.get(dockerfilePath(name))!;
      const refs = new Set<string>();
      for (const m of text.matchAll(/^(?:FROM|COPY --from=)(\S+)/gm)) refs.add(m[1]!.replace(/^FROM /, ''));
      for (const m of text.matchAll(/^FROM (\S+)/gm)) refs.add(m[1]!);
      const tagsOf = (t: BakeFile['target'][string]): string[] => t.tags.map((x) => resolveBakeValue(x, json));
      const inter = [...refs].filter((r) => Object.values(json.target).some((t) => tagsOf(t).includes(r)));
      assert.equal(Object.keys(target.contexts ?? {}).sort(), inter.sort(), `${name}: contexts`);
      for (const [ref, to] of Object.entries(target.contexts ?? {})) {
        const parent = to.replace(/^target:/, '');
        assert.ok(json.target[parent], `${name}: ${to} is a target`);
        assert.ok(tagsOf(json.target[parent]!).includes(ref), `${name}: ${ref} is a tag of ${parent}`);
      }
      assert.is(target.dockerfile, `../../${dockerfilePath(name)}`);
      assert.is(target.context, `layers/${name}`);
    }
    assert.equal(json.group.default!.targets, Object.keys(json.target).sort());
  });
}

test('shipped bake file: groups per class, sccache secret on source-dep targets, registry cache', async () => {
  const json = JSON.parse(readFileSync(join(REPO, BAKE_JSON), 'utf8')) as BakeFile;
  const catalog = loadCatalog(REPO);
  for (const cls of ['toolchain', 'source-dep', 'native-dep']) {
    assert.equal(
      json.group[cls]!.targets,
      catalog.layers.filter((l) => l.class === cls).map((l) => l.name),
      cls,
    );
  }
  for (const layer of catalog.layers) {
    const t = json.target[layer.name]!;
    assert.equal(t.platforms, [...layer.workflow.platforms]);
    // Tags name the registry through the REGISTRY variable, whose default is the catalog's.
    assert.is(t.tags[0], `\${REGISTRY}/${layer.name}:${layer.workflow.tags[0]}`);
    assert.is(resolveBakeValue(t.tags[0]!, json), `${layer.workflow.registry}/${layer.name}:${layer.workflow.tags[0]}`);
    assert.is(resolveBakeValue(t.tags[0]!, json, { REGISTRY: 'ghcr.io/fork/lamina' }), `ghcr.io/fork/lamina/${layer.name}:${layer.workflow.tags[0]}`);
    assert.equal(t.labels, {
      'org.opencontainers.image.created': '${CREATED}',
      'org.opencontainers.image.revision': '${REVISION}',
      'org.opencontainers.image.source': '${SOURCE}',
    });
    assert.equal(t.args, { SOURCE_DATE_EPOCH: '${SOURCE_DATE_EPOCH}' });
    assert.is(resolveBakeValue(t.labels['org.opencontainers.image.created']!, json), '1970-01-01T00:00:00Z');
    if (layer.workflow.cache.enabled) assert.equal(t['cache-from'], [`type=registry,ref=${layer.workflow.cache.ref}`]);
    const d = layer.directives;
    if (d.class === 'source-dep' && d.sccache.enabled) assert.equal(t.secret, [`id=${d.sccache.auth_secret_id},env=LAMINA_SECRET_SCCACHE_AWS`]);
    else assert.is(t.secret, undefined);
  }
});

test('the JSON is serialised with sorted keys', () => {
  const text = readFileSync(join(REPO, BAKE_JSON), 'utf8');
  const check = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(check);
    else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      assert.equal(keys, [...keys].sort());
      Object.values(v).forEach(check);
    }
  };
  check(JSON.parse(text));
  assert.ok(text.endsWith('}\n'));
});

test('hclString: HCL reads back the exact string, escapes and `${` included', async () => {
  // (`%{` is escaped as `%%{` too, but hcl2json keeps that escape in its output, so it is not
  // compared here; no bake value can contain `%` — tags, references and paths exclude it.)
  const values = ['plain', 'with "quotes" and \\backslash', '${var.x} is literal', 'tab\there', 'üñí ✓', '$$ %% $'];
  const text = values.map((v, i) => `a${i} = ${hclString(v)}`).join('\n') + '\n';
  const parsed = await hcl2json.parse('x.hcl', text);
  values.forEach((v, i) => assert.is(parsed[`a${i}`], v));
});

test.run();
