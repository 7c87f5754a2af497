// Timing and memory of one command as a whole process: wall time around the spawn, CPU time
// (user + system) and peak RSS from GNU time (`%U`, `%S`, `%M`, which on Linux cover the command's
// waited-for descendants too), and a hard time limit so that a hanging evaluator cannot stall the
// whole benchmark. CPU time is reported beside wall time because the machine is shared: under
// load, wall time mostly measures the neighbours.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';
const PEAK_MARK = 'BENCH_PEAK_KB=';
const USAGE = /BENCH_PEAK_KB=(\d+) BENCH_CPU=([\d.]+) ([\d.]+)\s*$/;

export const hasGnuTime = () => existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

/** Whether a program can be found on PATH. */
export function onPath(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
}

/**
 * The environment a measured command runs in: the caller's, less NODE_EXTRA_CA_CERTS. Node parses
 * the certificate bundle that names when it starts (on the machine these figures come from, tens
 * of milliseconds of noisy CPU time in every Node process); no measured command uses TLS.
 */
export function measuredEnv(env = process.env) {
  if (env.NODE_EXTRA_CA_CERTS === undefined) return env;
  const { NODE_EXTRA_CA_CERTS: _, ...rest } = env;
  return rest;
}

/**
 * Runs `argv` once with stdout to `stdoutPath` (default /dev/null).
 * @returns {{ seconds: number, peakMB: number | null, status: number | null, timedOut: boolean, stderr: string }}
 */
export function runProcess(argv, { stdoutPath = '/dev/null', timeoutSeconds = 300, cwd, env } = {}) {
  const withTime = hasGnuTimeCached() ? [GNU_TIME, '-f', `${PEAK_MARK}%M BENCH_CPU=%U %S`] : [];
  // `timeout` puts the command in its own process group and kills the whole group at the limit.
  const full = [...withTime, 'timeout', '-s', 'KILL', String(timeoutSeconds), ...argv];
  const out = openSync(stdoutPath, 'w');
  const start = process.hrtime.bigint();
  let res;
  try {
    res = spawnSync(full[0], full.slice(1), { stdio: ['ignore', out, 'pipe'], cwd, env: measuredEnv(env), maxBuffer: 64 << 20 });
  } finally {
    closeSync(out);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let stderr = res.stderr ? res.stderr.toString('utf8') : '';
  let peakMB = null;
  let cpuSeconds = null;
  const mark = stderr.lastIndexOf(PEAK_MARK);
  if (mark >= 0) {
    const m = USAGE.exec(stderr.slice(mark));
    if (m) {
      peakMB = Number(m[1]) / 1024;
      cpuSeconds = Number(m[2]) + Number(m[3]);
    }
    stderr = stderr.slice(0, mark).replace(/Command (exited with non-zero status \d+|terminated by signal \d+)\n$/, '');
  }
  const status = res.status;
  return { seconds, cpuSeconds, peakMB, status, timedOut: status === 137 || res.signal === 'SIGKILL', stderr };
}

let gnuTime;
function hasGnuTimeCached() {
  gnuTime ??= hasGnuTime();
  return gnuTime;
}

export function median(values) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs a command `runs` times (stdout discarded) and keeps the median wall and CPU times and the
 * highest peak RSS. Stops at the first failing run and returns its error.
 */
export function repeatProcess(argv, runs, opts = {}) {
  const times = [];
  const cpu = [];
  let peakMB = null;
  for (let i = 0; i < runs; i++) {
    const r = runProcess(argv, opts);
    if (r.status !== 0) return { ok: false, error: describeFailure(r), seconds: null, peakMB: null, runs: times.length };
    times.push(r.seconds);
    if (r.cpuSeconds !== null) cpu.push(r.cpuSeconds);
    if (r.peakMB !== null) peakMB = Math.max(peakMB ?? 0, r.peakMB);
  }
  return {
    ok: true,
    seconds: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    cpuSeconds: median(cpu),
    peakMB,
    runs,
  };
}

/** A one-line account of a failed run: the exit status and the first meaningful stderr line. */
export function describeFailure(r) {
  if (r.timedOut) return `timed out (killed after the time limit)`;
  const plain = r.stderr.replace(/\x1b\[[0-9;]*m/g, '').trim();
  const lines = plain
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return `exit ${r.status}: ${lines.slice(0, 3).join(' | ').slice(0, 300) || '(no stderr)'}`;
}
