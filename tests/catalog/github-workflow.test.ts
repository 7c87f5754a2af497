/**
 * The GitHub Actions workflow the README shows (examples/github-actions/lamina-layers.yml): it
 * parses, plans with `lamina impact --format github-matrix`, has a job per wave of the shipped
 * catalog in order, and reads only fields that lamina's matrix entries have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { loadCatalog } from '../../packages/catalog/src/index.js';
import { impactOf } from '../../packages/catalog/src/impact/index.js';
import { githubMatrix } from '../../packages/catalog/src/cli/commands/impact.js';
import { REPO } from './support.js';

interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix: string };
  steps: { run?: string; uses?: string; env?: Record<string, string> }[];
}

const FILE = join(REPO, 'examples/github-actions/lamina-layers.yml');
const text = readFileSync(FILE, 'utf8');
const workflow = parse(text) as { jobs: Record<string, Job> };

test('the plan job asks lamina which layers changed, as one matrix per wave', () => {
  const plan = workflow.jobs['plan']!;
  const runs = plan.steps.map((s) => s.run ?? '').join('\n');
  assert.match(runs, /lamina impact --since "\$\{\{ github\.event\.before \}\}" --format github-matrix/);
  assert.match(runs, /lamina gen --check/);
  assert.match(runs, /lamina impact --scheduled weekly --format github-matrix/);
  assert.ok((parse(text) as { on: { schedule?: unknown[] } }).on.schedule?.length, 'a schedule trigger for rebuild.schedule');
});

test('one job per wave of the shipped catalog, each after the previous one, reading its own wave', () => {
  const catalog = loadCatalog(REPO);
  const waves = catalog.buildWaves().length;
  for (let i = 0; i < waves; i++) {
    const job = workflow.jobs[`wave-${i}`];
    assert.ok(job, `a job for wave ${i}`);
    assert.is(job!.strategy!.matrix, `\${{ fromJSON(needs.plan.outputs.matrix).waves[${i}] }}`);
    const needs = ([] as string[]).concat(job!.needs ?? []);
    assert.ok(needs.includes(i === 0 ? 'plan' : `wave-${i - 1}`), `wave-${i} needs the previous job`);
    assert.match(job!.if!, `fromJSON(needs.plan.outputs.waves) > ${i}`);
  }
});

test("the jobs read only fields lamina's matrix entries have; secrets travel as the bake secret's environment", () => {
  const catalog = loadCatalog(REPO);
  const matrix = githubMatrix(catalog, impactOf(catalog, { layers: ['zlib'] })) as { waves: { include: Record<string, unknown>[] }[] };
  const fields = new Set(Object.keys(matrix.waves[0]!.include[0]!));
  const used = [...text.matchAll(/matrix\.([a-z_]+)/g)].map((m) => m[1]!);
  assert.ok(used.length > 0);
  for (const f of used) assert.ok(fields.has(f), `matrix.${f} is a field of lamina's matrix`);
  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps) {
      if (step.run?.includes('docker buildx bake')) {
        assert.match(step.run, /--push \$\{\{ matrix\.bake \}\}/, name);
        assert.is(step.env?.['LAMINA_SECRET_SCCACHE_AWS'], '${{ secrets.SCCACHE_AWS_CREDENTIALS }}', name);
      }
    }
  }
  // bake pins every parent of a rebuilt layer to its content tag, then names the layer.
  const openssl = matrix.waves[1]!.include.find((e) => e['layer'] === 'librdkafka')!;
  assert.match(
    String(openssl['bake']),
    `librdkafka.contexts.${catalog.layer('zlib')!.workflow.registry}/zlib:1.3.1=docker-image://${catalog.layer('zlib')!.workflow.registry}/zlib:fp-${catalog.fingerprint('zlib')}`,
  );
  assert.match(String(openssl['bake']), / librdkafka$/);
});

test.run();
