/**
 * The site in a real browser: playwright-core driving Debian's chromium (no browser download;
 * `.ci/run` installs chromium). The shipped catalog's site is built into a temporary folder and
 * opened from file://: the graph has a node per layer and an edge per FlowsTo edge, a node leads
 * to its layer's page, a snippet is copied, a search finds a layer by a crate it serves, the
 * language switch leads to the Spanish page, and the impact view for `rust` gives the waves
 * `lamina impact rust` gives. No page logs an error, fails a request or asks for anything but
 * its own files. Screenshots at desktop and phone widths go to tests/site/output/ (gitignored;
 * CI keeps them as artifacts).
 *
 * Without chromium the test is skipped with a message — and fails under CI=true. CHROMIUM names
 * another binary.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { impactOf } from '../../packages/catalog/src/index.js';
import { cleanTemp, REPO, siteOf, tempDir } from './support.js';

const CI = process.env.CI === 'true';
const CHROMIUM = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const OUTPUT = join(REPO, 'tests/site/output');

if (CHROMIUM === undefined || !existsSync(CHROMIUM)) {
  if (CI)
    test('the site in chromium: chromium is installed (CI=true)', () =>
      assert.unreachable('chromium is missing: .ci/run installs it (apt-get install chromium)'));
  else {
    console.log('tests/site: chromium not found; skipping the browser test (apt-get install chromium, or set CHROMIUM)');
    test.skip('the site in chromium', () => {});
  }
  test.run();
} else {
  const chromium = CHROMIUM;
  let browser: Browser | undefined;
  test.after(async () => {
    await browser?.close();
    cleanTemp();
  });

  /** A page that records what must not happen: console errors, page errors, failed or non-local requests. */
  async function watchedPage(b: Browser, viewport: { width: number; height: number }, mobile = false): Promise<{ page: Page; problems: string[] }> {
    const context = await b.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) problems.push(`network request: ${r.url()}`);
    });
    return { page, problems };
  }

  test('the shipped catalog site in chromium: graph, navigation, copy, search, language, impact, phone width', async () => {
    const out = tempDir('site-browser');
    const { catalog } = await siteOf(REPO, out);
    const url = (path: string): string => pathToFileURL(join(out, path)).href;
    const { chromium: launcher } = await import('playwright-core');
    browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    mkdirSync(OUTPUT, { recursive: true });

    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await page.goto(url('index.html'));
    assert.is(await page.getAttribute('html', 'lang'), 'en');

    // Keyboard: the first Tab reaches the skip link, which leads to the main landmark.
    await page.keyboard.press('Tab');
    assert.is(await page.evaluate(() => document.activeElement?.className), 'skip');
    assert.is(await page.locator('main#main').count(), 1);
    assert.is((await page.locator('header nav[aria-label]').count()) > 0, true);

    // The graph: one node per layer, one edge per FlowsTo edge, the same ones the library has.
    const nodes = await page.locator('#catalog-graph g.node').evaluateAll((gs) => gs.map((g) => g.querySelector('title')?.textContent ?? ''));
    assert.equal(nodes.sort(), catalog.layers.map((l) => l.name).sort());
    const edges = await page.locator('#catalog-graph g.edge').evaluateAll((gs) => gs.map((g) => g.getAttribute('class') ?? ''));
    assert.is(edges.length, catalog.edges.length);
    for (const role of ['build_base', 'runtime_base', 'donor'] as const)
      assert.is(edges.filter((c) => c.endsWith(role)).length, catalog.edges.filter((e) => e.role === role).length, role);
    assert.is(await page.locator('#catalog-graph title').first().textContent(), await page.locator('#catalog-graph-title').textContent());
    assert.is(await page.locator('#graph-edges-title + ul > li').count(), catalog.edges.length);
    await page.screenshot({ path: join(OUTPUT, 'home-desktop.png'), fullPage: true });

    // A node is a link to its layer's page.
    await page.locator('[id="catalog-graph-layer-rust"] a').click();
    await page.waitForURL(/\/layers\/rust\.html$/);
    assert.is((await page.locator('h1').textContent())?.trim(), 'rust');
    assert.is(await page.locator('#neighbourhood g.node').count(), 1 + catalog.parents('rust').length + catalog.children('rust').length);

    // Copy the FROM snippet: the button says so, and the clipboard holds it when the browser lets us read it.
    await browser
      .contexts()[0]
      ?.grantPermissions(['clipboard-read', 'clipboard-write'])
      .catch(() => undefined);
    await page.locator('button[data-copy="snippet-from"]').click();
    await page.waitForFunction(() => document.querySelector('button[data-copy="snippet-from"] + .copied')?.textContent !== '');
    assert.is(await page.locator('button[data-copy="snippet-from"] + .copied').textContent(), 'Copied');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (clipboard !== null) assert.is(clipboard, await page.locator('#snippet-from').textContent());
    await page.screenshot({ path: join(OUTPUT, 'layer-desktop.png'), fullPage: true });

    // Search by a served crate: `libz` finds zlib; arrow down and Enter open it.
    await page.locator('#search-input').fill('libz');
    await page.locator('#search-results a').first().waitFor();
    assert.match((await page.locator('#search-results a').first().textContent()) ?? '', /^zlib/);
    await page.locator('#search-input').press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/layers\/zlib\.html$/);

    // The language switch leads to the same page in Spanish, and back.
    await page.locator('nav.languages a[hreflang="es"]').click();
    await page.waitForURL(/\/es\/layers\/zlib\.html$/);
    assert.is(await page.getAttribute('html', 'lang'), 'es');
    assert.match((await page.locator('.lead').textContent()) ?? '', /para libz-sys/);
    assert.match((await page.locator('main').textContent()) ?? '', /Verificación del checksum/);
    await page.locator('nav.languages a[hreflang="en"]').click();
    await page.waitForURL(/\/layers\/zlib\.html$/);
    assert.is(await page.getAttribute('html', 'lang'), 'en');

    // The impact view for rust: the waves and reasons of `lamina impact rust`.
    await page.locator('a[href$="impact.html#zlib"]').click();
    await page.waitForURL(/\/impact\.html#zlib$/);
    await page.locator('button[data-impact-clear]').click();
    await page.locator('input[name="layer"][value="rust"]').check();
    const expected = impactOf(catalog, { layers: ['rust'] });
    const waves = await page
      .locator('.impact-waves > li')
      .evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll('li[data-layer]')].map((x) => x.getAttribute('data-layer') ?? '')));
    assert.equal(
      waves,
      expected.waves.map((w) => [...w]),
    );
    assert.match((await page.locator('li[data-layer="rustelo"] .reasons').textContent()) ?? '', /rust rebuilds \(build_base, runtime_base\)/);
    assert.match((await page.locator('li[data-layer="rust"] .reasons').textContent()) ?? '', /changed/);
    await page.screenshot({ path: join(OUTPUT, 'impact-desktop.png'), fullPage: true });
    assert.equal(problems, []);

    // A phone: nothing wider than the screen but the graph's own scrolling box.
    const phone = await watchedPage(browser, { width: 390, height: 844 }, true);
    for (const [path, shot] of [
      ['index.html', 'home-phone.png'],
      ['layers/rustelo.html', 'layer-phone.png'],
      ['es/impact.html#rust', 'impact-phone.png'],
    ] as const) {
      await phone.page.goto(url(path.split('#')[0] ?? path) + (path.includes('#') ? `#${path.split('#')[1]}` : ''));
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width}px wide on a 390px screen`);
      await phone.page.screenshot({ path: join(OUTPUT, shot), fullPage: true });
    }
    assert.equal(phone.problems, []);
  });

  test.run();
}
