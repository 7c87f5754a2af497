// bench/RESULTS.md from one run's measurements: machine, the table, and the targets of the issue.

const s = (x) => (x == null ? '—' : `${x.toFixed(3)}`);
const mb = (x) => (x == null ? '—' : `${x.toFixed(0)}`);
const bytes = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

const TARGETS = { catalogSeconds: 1.5, dataVsJson: 5, peakMB: 300 };

/** "met" / "missed" by wall time and by CPU time (the steadier figure on a busy machine). */
function verdict(wallOk, cpuOk) {
  const word = (ok) => (ok == null ? 'n/a' : ok ? '**met**' : '**missed**');
  return `wall: ${word(wallOk)} · CPU: ${word(cpuOk)}`;
}
const lt = (a, b) => (a == null || b == null ? null : a < b);

function targetRows(results) {
  const by = (name) => results.find((r) => r.workload.name === name);
  const rows = [];
  const notRunnable = (r) => (r && !r.ours.ok ? `ours not yet runnable: ${r.ours.error}` : null);

  const cat = by('catalog-1000');
  if (cat) {
    const o = cat.ours.ok ? cat.ours : null;
    rows.push([
      `catalog-1000 exported whole-process in under ${TARGETS.catalogSeconds} s`,
      notRunnable(cat) ?? `${s(o.seconds)} s wall (fastest run ${s(o.min)} s); ${s(o.cpuSeconds)} s CPU`,
      o ? verdict(lt(o.seconds, TARGETS.catalogSeconds), lt(o.cpuSeconds, TARGETS.catalogSeconds)) : 'not yet runnable',
    ]);
    const ref = cat.ref.ok ? cat.ref : null;
    rows.push([
      'catalog-1000 faster than the reference',
      notRunnable(cat) ??
        `ours ${s(o.seconds)} s vs reference ${s(ref?.processSeconds)} s whole process (${s(ref?.callSeconds)} s for the call alone); CPU: ours ${s(o.cpuSeconds)} s vs reference ${s(ref?.processCpuSeconds)} s (call alone ${s(ref?.callCpuSeconds)} s)`,
      o && ref ? verdict(lt(o.seconds, ref.processSeconds), lt(o.cpuSeconds, ref.processCpuSeconds)) : 'not yet runnable',
    ]);
  }
  const data = results.find((r) => r.workload.kind === 'data');
  if (data) {
    const o = data.ours.ok ? data.ours : null;
    const j = data.json;
    rows.push([
      `data-only within ${TARGETS.dataVsJson}× of JSON.parse (whole process: node reading, parsing and printing the JSON)`,
      notRunnable(data) ??
        `ours ${s(o.seconds)} s vs JSON ${s(j.processSeconds)} s = ${ratio(o.seconds, j.processSeconds)} wall; CPU ${s(o.cpuSeconds)} s vs ${s(j.processCpuSeconds)} s = ${ratio(o.cpuSeconds, j.processCpuSeconds)}. JSON.parse alone, in-process: ${s(j.parseSeconds)} s (${s(j.parseCpuSeconds)} s CPU)`,
      o ? verdict(lt(o.seconds, TARGETS.dataVsJson * j.processSeconds), lt(o.cpuSeconds, TARGETS.dataVsJson * j.processCpuSeconds)) : 'not yet runnable',
    ]);
  }
  const bounded = results.filter((r) => r.workload.name !== 'catalog-5000');
  const measured = bounded.filter((r) => r.ours.ok && r.ours.peakMB != null);
  if (bounded.length) {
    const worst = measured.reduce((a, r) => (a && a.ours.peakMB >= r.ours.peakMB ? a : r), null);
    const big = by('catalog-5000');
    const bigNote = big?.ours.ok ? `; catalog-5000: ${mb(big.ours.peakMB)} MB (reference ${mb(big.ref.peakMB)} MB)` : '';
    const over = measured.filter((r) => r.ours.peakMB >= TARGETS.peakMB).map((r) => `${r.workload.name} ${mb(r.ours.peakMB)} MB`);
    rows.push([
      `peak memory under ${TARGETS.peakMB} MB (every workload but catalog-5000)`,
      worst
        ? `highest ${mb(worst.ours.peakMB)} MB on ${worst.workload.name}${over.length ? ` (over: ${over.join(', ')})` : ''}${bigNote}`
        : 'ours not yet runnable',
      worst && measured.length === bounded.length ? (worst.ours.peakMB < TARGETS.peakMB ? '**met**' : '**missed**') : 'not yet runnable',
    ]);
  }
  return rows;
}

export function renderResults({ machine, results, phases, profile }) {
  const m = machine;
  const lines = [
    '# Nickel evaluator benchmark',
    '',
    'Written by `pnpm bench` (`node bench/nickel/run.mjs`; workloads from `bench/nickel/generate.mjs`, seeded).',
    'A benchmark, not a test: nothing here runs under `pnpm test`.',
    '',
    `- date: ${m.date} · commit ${m.commit}`,
    `- machine: ${m.nproc} × ${m.cpu} · load average ${m.loadavg} at start, ${m.loadavgEnd ?? '?'} at the end${Number(m.loadavg.split(' ')[0]) > m.nproc ? ' — **the machine was busy with other work: wall times are inflated; CPU times are the steadier figure**' : ''}`,
    `- ${m.node} · ${m.python} with the reference Nickel (Python binding \`nickel.run\`) · reference CLI on PATH: ${m.refCli ? 'yes' : 'no'}`,
    `- ours: \`${m.oursCommand}\` · peak RSS from GNU time \`%M\`${m.gnuTime ? '' : ' (missing: no memory figures)'}`,
    '',
    '## Results',
    '',
    'Times are medians in seconds: wall clock, and CPU (user + system, all threads, from GNU time).',
    '"process" is the whole process (start-up included); "call" is `nickel.run` alone inside Python.',
    'Ratio = ours ÷ reference whole process (wall, then CPU). Peak MB is the highest RSS of any run.',
    '',
    '| workload | files | Nickel bytes | ours s | ours CPU s | ours peak MB | reference s (process) | reference CPU s | reference s (call) | reference peak MB | JSON.parse s (in-process / process) | ratio | ratio CPU | output vs reference |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const w = r.workload;
    const ours = r.ours.ok ? [s(r.ours.seconds), s(r.ours.cpuSeconds), mb(r.ours.peakMB)] : ['not yet runnable', '—', '—'];
    const ref = r.ref.ok ? [s(r.ref.processSeconds), s(r.ref.processCpuSeconds), s(r.ref.callSeconds), mb(r.ref.peakMB)] : ['error', '—', '—', '—'];
    const both = r.ours.ok && r.ref.ok;
    const json = r.json ? `${s(r.json.parseSeconds)} / ${s(r.json.processSeconds)}` : '—';
    const out = r.output ? (r.output.same ? 'identical' : `**${r.output.note.replaceAll('|', '\\|')}**`) : r.ours.ok ? 'reference failed' : '—';
    lines.push(
      `| ${w.name} (×${r.runs}) | ${w.files} | ${bytes(w.bytes)} | ${ours.join(' | ')} | ${ref.join(' | ')} | ${json} | ${both ? ratio(r.ours.seconds, r.ref.processSeconds) : '—'} | ${both ? ratio(r.ours.cpuSeconds, r.ref.processCpuSeconds) : '—'} | ${out} |`,
    );
  }
  if (results.some((r) => r.cli)) {
    lines.push(
      '',
      'Reference CLI (`nickel export`): ' +
        results
          .filter((r) => r.cli)
          .map((r) => `${r.workload.name} ${r.cli.ok ? `${s(r.cli.seconds)} s` : r.cli.error}`)
          .join(' · '),
    );
  }
  const errors = results.filter((r) => !r.ours.ok || !r.ref.ok);
  if (errors.length) {
    lines.push('', '### Errors', '');
    for (const r of errors) {
      if (!r.ours.ok) lines.push(`- ${r.workload.name}, ours: ${r.ours.error}`);
      if (!r.ref.ok) lines.push(`- ${r.workload.name}, reference: ${r.ref.error}`);
    }
  }
  lines.push('', '## Targets (from the issue)', '', '| target | measured | status |', '|---|---|---|');
  for (const [t, v, st] of targetRows(results)) lines.push(`| ${t} | ${v.replaceAll('|', '\\|')} | ${st} |`);
  if (phases?.length) {
    const ms = (x) => (x == null ? '—' : x.toFixed(0));
    lines.push(
      '',
      '## Ours in-process, CPU milliseconds by phase (`bench/nickel/phases.mjs`, median of 3)',
      '',
      'CPU time of the whole process (GC threads included) spent in each step, so it holds on a busy machine.',
      '',
      '| workload | node start | load library | first evaluation of `1` (stdlib set-up) | parse entry file | evaluate (imports, contracts, toPlain) | print JSON | RSS MB at end |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const p of phases) {
      lines.push(
        `| ${p.workload} | ${ms(p.nodeStartMs)} | ${ms(p.loadLibraryMs)} | ${ms(p.stdlibMs)} | ${ms(p.parseEntryMs)} | ${ms(p.evaluateMs)} | ${ms(p.printJsonMs)} | ${ms(p.rssMB)} |`,
      );
    }
  }
  if (profile) {
    lines.push(
      '',
      `## Where ours spends its time (${profile.workload}, \`node --cpu-prof\`)`,
      '',
      `${profile.summary.totalMs.toFixed(0)} ms sampled (wall clock: on a busy machine the absolute figures are inflated, the shares hold).`,
      '',
      'Phases (inclusive time; they overlap: contracts run while exporting, imports parse):',
      '',
      '| ms | % | phase |',
      '|---:|---:|---|',
    );
    for (const f of profile.summary.phases ?? []) lines.push(`| ${f.ms.toFixed(0)} | ${f.pct.toFixed(1)} | ${f.fn} |`);
    lines.push('', 'Self time by source folder:', '', '| ms | % | folder |', '|---:|---:|---|');
    for (const f of profile.summary.folders.slice(0, 10)) lines.push(`| ${f.ms.toFixed(0)} | ${f.pct.toFixed(1)} | \`${f.fn}\` |`);
    lines.push('', 'Self time, top functions:', '', '| ms | % | function |', '|---:|---:|---|');
    for (const f of profile.summary.self.slice(0, 12)) lines.push(`| ${f.ms.toFixed(0)} | ${f.pct.toFixed(1)} | \`${f.fn}\` |`);
  }
  lines.push(
    '',
    '## Workloads',
    '',
    '- `layer-1`: one `build_directives.ncl` and the contracts library (start-up cost).',
    '- `catalog-N`: N layers, each a `build_directives.ncl` and a `workflow.ncl` importing a shared',
    '  contracts library (record contracts, enums, optional fields, defaults, `std.contract.from_predicate`)',
    '  and merging a base record with overrides (`&`), with interpolation, `std.array.map` and imports of a',
    '  parent layer; `catalog.ncl` imports every layer into one record.',
    '- `data-only`: one big literal (strings with escapes and non-ASCII, integers, decimals, booleans,',
    '  nested records and arrays, no functions) and the same value as JSON (`data.json`).',
    '',
    'Regenerate with `node bench/nickel/generate.mjs` (output in `bench/.cache/nickel`, gitignored);',
    'profile one workload with `node --cpu-prof packages/nickel/bin/lamina-nickel.cjs export FILE` and',
    '`node bench/nickel/profile.mjs FILE.cpuprofile`.',
    '',
  );
  return lines.join('\n');
}
