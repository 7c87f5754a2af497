/**
 * `lamina site` without a browser: two builds are byte-identical (and independent of where the
 * catalog is), every relative link of every page resolves to a file (and an anchor to an id),
 * nothing points at the network, the graph has a node per layer and an edge per FlowsTo edge,
 * a large catalog's home graph is grouped, rebuilding touches only the site's own files, and the
 * command line (`lamina site`, `lamina graph --format svg`) behaves as documented.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { run } from '../../packages/catalog/src/cli/run.js';
import { SITE_MANIFEST } from '../../packages/catalog/src/site/index.js';
import { catalogCopy, cleanTemp, idsOf, linksOf, REPO, siteOf, tempDir, tree } from './support.js';

test.after(() => cleanTemp());

async function lamina(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (s: string) => void) => ({ isTTY: false, write: (c: string) => (append(String(c)), true) }) as unknown as NodeJS.WritableStream;
  const code = await run(args, { stdout: stream((s) => (stdout += s)), stderr: stream((s) => (stderr += s)), env: {} }, cwd);
  return { code, stdout, stderr };
}

const count = (s: string, re: RegExp): number => [...s.matchAll(re)].length;

test('two builds of the shipped catalog, from two copies, are byte-identical', async () => {
  const a = tempDir('site-a');
  const b = tempDir('site-b');
  await siteOf(REPO, a);
  await siteOf(catalogCopy(), b);
  const ta = tree(a);
  const tb = tree(b);
  assert.equal([...ta.keys()].sort(), [...tb.keys()].sort());
  for (const [path, bytes] of ta) assert.ok(bytes.equals(tb.get(path) ?? Buffer.alloc(0)), `${path} differs between the two builds`);
  for (const [path, bytes] of ta) assert.not.ok(bytes.toString('utf8').includes(REPO), `${path} holds an absolute path`);
});

test('every relative href and src of every page resolves to a file, every #anchor to an id; nothing is fetched from the network', async () => {
  const out = tempDir('site-links');
  await siteOf(REPO, out);
  const files = tree(out);
  const pages = [...files.keys()].filter((p) => p.endsWith('.html') || p.endsWith('.svg'));
  assert.ok(pages.length > 20, `only ${pages.length} pages`);
  const problems: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const html = files.get(page)?.toString('utf8') ?? '';
    for (const link of linksOf(html)) {
      if (link.startsWith('data:')) continue;
      if (/^[a-z]+:/i.test(link) || link.startsWith('//')) {
        // Only the SVG namespaces' URLs appear as text; no page loads or links anything remote.
        problems.push(`${page}: external ${link}`);
        continue;
      }
      const [path = '', fragment] = link.split('#');
      const target =
        path === ''
          ? page
          : normalize(join(dirname(page), path))
              .split('\\')
              .join('/');
      checked++;
      if (!files.has(target)) problems.push(`${page}: ${link} → ${target} does not exist`);
      else if (fragment && path !== '' && target.endsWith('impact.html')) {
        // The impact view's fragment is the layers it picks.
        for (const name of fragment.split(',')) if (!files.has(`layers/${name}.html`)) problems.push(`${page}: ${link} picks no layer \`${name}\``);
      } else if (fragment && target.endsWith('.html') && !idsOf(files.get(target)?.toString('utf8') ?? '').has(fragment))
        problems.push(`${page}: ${link} → no id \`${fragment}\` in ${target}`);
    }
  }
  assert.equal(problems, []);
  assert.ok(checked > 500, `only ${checked} links checked`);
  // Stylesheet and scripts are files of the site; the CSS names no font or image to fetch.
  const css = files.get('assets/site.css')?.toString('utf8') ?? '';
  assert.not.match(css, /url\(|@import|@font-face/);
  const js = files.get('assets/site.js')?.toString('utf8') ?? '';
  assert.not.match(js, /fetch\(|XMLHttpRequest|https?:\/\//);
});

test('the home graph: one node per layer, one edge per FlowsTo edge, every node a link to its layer page, roles told apart without colour', async () => {
  const out = tempDir('site-graph');
  const { catalog } = await siteOf(REPO, out);
  const home = readFileSync(join(out, 'index.html'), 'utf8');
  const svg = home.slice(home.indexOf('<svg id="catalog-graph"'), home.indexOf('</svg>', home.indexOf('<svg id="catalog-graph"')));
  assert.is(count(svg, /<g id="[^"]*" class="node layer /g), catalog.layers.length);
  assert.is(count(svg, /<g id="[^"]*" class="edge flows /g), catalog.edges.length);
  for (const l of catalog.layers) assert.ok(svg.includes(`xlink:href="layers/${l.name}.html"`), `no link to ${l.name}`);
  // Line style and arrowhead per role: dashes for runtime_base, dots for donors.
  const edge = (role: string): string => svg.slice(svg.indexOf(`class="edge flows ${role}"`), svg.indexOf('</g>', svg.indexOf(`class="edge flows ${role}"`)));
  assert.not.match(edge('build_base'), /stroke-dasharray/);
  assert.match(edge('runtime_base'), /stroke-dasharray="5,2"/);
  assert.match(edge('donor'), /stroke-dasharray="1,5"/);
  // An accessible name, and the edges as text beside the drawing.
  assert.match(svg, /<svg id="catalog-graph" role="group" aria-labelledby="catalog-graph-title"/);
  assert.is(count(home.slice(home.indexOf('id="graph-edges-title"')), /<li class="(build_base|runtime_base|donor)">/g), catalog.edges.length);
});

test('a large catalog draws its home graph grouped by class, the layer list by wave and class; every layer keeps its page', async () => {
  const out = tempDir('site-grouped');
  const { catalog, report } = await siteOf(REPO, out, { groupAbove: 5 });
  assert.ok(report.grouped);
  const home = readFileSync(join(out, 'index.html'), 'utf8');
  assert.is(count(home, /<g id="[^"]*" class="node group /g), new Set(catalog.layers.map((l) => l.class)).size);
  const donors = catalog.edges.filter(
    (e) => e.role === 'donor' && catalog.layer(e.from)?.class === 'native-dep' && catalog.layer(e.to)?.class === 'source-dep',
  );
  assert.match(home, `donor ×${donors.length}`);
  assert.match(home, /href="layers\/index.html#by-wave"/);
  const list = readFileSync(join(out, 'layers/index.html'), 'utf8');
  assert.match(list, /<a href="#wave-0-toolchain">3<\/a>/);
  for (const l of catalog.layers) assert.ok(existsSync(join(out, 'layers', `${l.name}.html`)));
});

test('a rebuild rewrites only what changed, removes only files its manifest lists, and leaves anything else in the folder alone', async () => {
  const out = tempDir('site-sync');
  await siteOf(REPO, out);
  writeFileSync(join(out, 'README.txt'), 'mine\n');
  mkdirSync(join(out, 'layers'), { recursive: true });
  writeFileSync(join(out, 'layers/gone.html'), 'old\n');
  const manifest = JSON.parse(readFileSync(join(out, SITE_MANIFEST), 'utf8')) as { format: string; files: string[] };
  writeFileSync(join(out, SITE_MANIFEST), JSON.stringify({ ...manifest, files: [...manifest.files, 'layers/gone.html'] }));
  const { report } = await siteOf(REPO, out);
  assert.equal(report.written, [SITE_MANIFEST]);
  assert.equal(report.removed, ['layers/gone.html']);
  assert.ok(existsSync(join(out, 'README.txt')));
  assert.not.ok(existsSync(join(out, 'layers/gone.html')));
});

test('Spanish pages exist where the catalog is translated, with a language switch both ways', async () => {
  const out = tempDir('site-es');
  const { report } = await siteOf(REPO, out);
  assert.equal(report.languages, ['en', 'es']);
  const es = readFileSync(join(out, 'es/layers/zlib.html'), 'utf8');
  assert.match(es, /<html lang="es">/);
  assert.match(es, /para libz-sys/);
  assert.match(es, /<a href="..\/..\/layers\/zlib.html" hreflang="en" lang="en">English<\/a>/);
  const en = readFileSync(join(out, 'layers/zlib.html'), 'utf8');
  assert.match(en, /<a href="..\/es\/layers\/zlib.html" hreflang="es" lang="es">Español<\/a>/);
  // An untranslated text on a Spanish page says it is English.
  assert.match(readFileSync(join(out, 'es/layers/cc.html'), 'utf8'), /<div class="doc" lang="en">/);
});

test('lamina site writes site/ by default or --out DIR; a bad --base-url is a usage error; --base-url adds canonical links', async () => {
  const root = catalogCopy();
  const r = await lamina(['site', '--root', root, '--no-cache'], root);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ok: site in .*site\/ — \d+ files/);
  assert.ok(existsSync(join(root, 'site/index.html')));
  const bad = await lamina(['site', '--root', root, '--base-url', 'ftp:/x'], root);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--base-url ftp:\/x: expected an http\(s\) URL/);
  const out = join(tempDir('site-cli'), 'public');
  const withBase = await lamina(['site', '--root', root, '--out', out, '--base-url', 'https://example.org/lamina', '--json'], root);
  assert.is(withBase.code, 0, withBase.stderr);
  assert.is((JSON.parse(withBase.stdout) as { files: number }).files, tree(out).size);
  assert.match(readFileSync(join(out, 'layers/rust.html'), 'utf8'), /<link rel="canonical" href="https:\/\/example.org\/lamina\/layers\/rust.html">/);
});

test('lamina graph --format svg: the whole graph laid out by Graphviz, one node per layer', async () => {
  const root = catalogCopy();
  const r = await lamina(['graph', '--root', root, '--format', 'svg', '--no-cache'], root);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<\?xml /);
  const json = await lamina(['graph', '--root', root, '--json'], root);
  const graph = JSON.parse(json.stdout) as { nodes: unknown[]; edges: unknown[] };
  assert.is(count(r.stdout, /class="node layer /g), graph.nodes.length);
  assert.is(count(r.stdout, /class="edge flows /g), graph.edges.length);
});

test.run();
