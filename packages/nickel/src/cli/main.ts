import { fstatSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { renderInternalError } from '../diagnostics/internal-error.js';
import { type DataLibraries, provideDataLibraries } from '../import/libraries.js';
import { launch } from './code-cache.js';
import { HELP, USAGE_HINT, versionText } from './help.js';
import type { BufferedIo } from './io.js';
import { UsageError, parseCommandLine } from './options.js';
import type { WorkerInput, WorkerResult } from './worker.js';

/**
 * Process entry of `lamina-nickel`. Deep recursion in a program runs on the evaluator's own stack
 * (eval/machine.ts), but some host code still recurses on the JavaScript stack as deep as the data
 * is nested (merging, equality, export of a deeply nested value), and the main thread's stack is
 * small and fixed by the OS. So a command first runs here with its output held back;
 * if it overflows the JS stack, it runs again in a worker thread created with a larger stack
 * (evaluation has no side effects, so the retry is invisible). Reaching the evaluation's own stack
 * limit (--max-stack-mb) is not retried.
 */
const STACK_MB = Number(process.env['LAMINA_NICKEL_STACK_MB']) || 64;

const argv = process.argv.slice(2);

// Started by the bin's launcher: YAML and TOML come from their own bundle, through the same cache.
const launched = launch();
if (launched) {
  const libraries = fileURLToPath(new URL('./libraries.bundle.cjs', import.meta.url));
  provideDataLibraries(() => launched.load(libraries) as DataLibraries);
}

let stdinText: string | undefined;

/** A reader that stops early (`lamina-nickel export big.ncl | head`) is not an error of ours. */
function onWriteError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
}

/**
 * Writes `text` to standard output (1) or error (2), then calls `done`. Written straight to the
 * file descriptor: `process.stdout` and `process.stderr` load Node's stream modules, a share of a
 * short run (bench/nickel/REALWORLD.md). A pipe left non-blocking by whoever started us may take
 * only part of it (EAGAIN): the rest then goes through the stream, which waits for the reader.
 */
function writeOut(fd: 1 | 2, text: string, done: () => void = () => {}): void {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  try {
    while (offset < data.length) offset += writeSync(fd, data, offset);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return onWriteError(e as NodeJS.ErrnoException);
    const stream = fd === 1 ? process.stdout : process.stderr;
    stream.on('error', onWriteError);
    stream.write(data.subarray(offset), done);
    return;
  }
  done();
}

/**
 * Whether standard error is a terminal. `process.stderr` answers, but creating it loads Node's
 * stream modules (and, for a pipe, its network ones), several milliseconds of a short run that
 * fails: a pipe, a file or /dev/null, which a terminal never is, is told apart by fstat alone.
 */
function stderrIsTerminal(): boolean {
  try {
    const stat = fstatSync(2);
    if (!stat.isCharacterDevice() || stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // no /dev/null (Windows): the stream answers
  }
  return process.stderr.isTTY === true;
}

function internalError(message: string): void {
  const json = argv.includes('--error-format=json') || argv.join(' ').includes('--error-format json');
  writeOut(2, renderInternalError(message, json ? 'json' : 'text'));
  process.exitCode = 70;
}

/**
 * Writes the answer and leaves as soon as it is written: letting Node wind down on its own tears
 * down the evaluation's whole heap first, a share of a large export's time. The exit waits for each
 * write's callback, so output is never cut short (pipes may be asynchronous on some systems).
 */
function finish(result: WorkerResult): void {
  process.exitCode = result.code;
  let pending = 1;
  const written = (): void => {
    if (--pending === 0) process.exit(result.code);
  };
  for (const [fd, text] of [
    [1, result.stdout],
    [2, result.stderr],
  ] as const) {
    if (!text) continue;
    pending++;
    writeOut(fd, text, written);
  }
  written();
}

/** Help, version and a bad command line are answered here, without loading the evaluator. */
function answeredWithoutEvaluator(): boolean {
  try {
    const { command } = parseCommandLine(argv);
    if (command.name === 'help') writeOut(1, HELP);
    else if (command.name === 'version') writeOut(1, versionText());
    else return false;
    return true;
  } catch (e) {
    if (!(e instanceof UsageError)) return false;
    process.exitCode = 2;
    writeOut(2, `error: ${e.message}\n${USAGE_HINT}\n`);
    return true;
  }
}

async function runHere(retry: boolean): Promise<void> {
  const { runCli, StackOverflowRetry } = await import('./run.js');
  const io: BufferedIo = {
    out: [],
    err: [],
    stdout: (text) => void io.out.push(text),
    stderr: (text) => void io.err.push(text),
    env: process.env,
    // asked only when a diagnostic is rendered
    get stderrIsTTY() {
      return stderrIsTerminal();
    },
    readStdin: () => (stdinText ??= readFileSync(0, 'utf8')),
    writeFile: (path, text) => writeFileSync(path, text),
    retryOnStackOverflow: retry,
  };
  let code: number;
  try {
    code = runCli(argv, io);
  } catch (e) {
    if (!(e instanceof StackOverflowRetry)) throw e;
    await runInWorker();
    return;
  }
  finish({ stdout: io.out.join(''), stderr: io.err.join(''), code });
}

async function runInWorker(): Promise<void> {
  const input: WorkerInput = { argv, stderrIsTTY: stderrIsTerminal(), stdin: stdinText };
  let worker: Worker;
  try {
    // loaded here: importing worker_threads costs every run, and few runs need it
    const { Worker } = await import('node:worker_threads');
    worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: input,
      resourceLimits: { stackSizeMb: STACK_MB },
    });
  } catch {
    // No worker threads here: report the overflow from this thread's run instead.
    void runHere(false);
    return;
  }
  let answered = false;
  worker.on('message', (result: WorkerResult) => {
    answered = true;
    finish(result);
  });
  worker.on('error', (e: Error & { code?: string }) => {
    answered = true;
    internalError(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'the evaluation ran out of memory' : e.message);
    if (argv.includes('--trace') && e.stack) writeOut(2, e.stack + '\n');
  });
  worker.on('exit', (code) => {
    if (!answered) internalError(`the evaluation thread stopped unexpectedly (exit code ${code})`);
  });
}

if (!answeredWithoutEvaluator()) {
  runHere(!process.env['LAMINA_NICKEL_NO_WORKER']).catch((e: unknown) => {
    internalError(e instanceof Error ? e.message : String(e));
    if (argv.includes('--trace') && e instanceof Error && e.stack) writeOut(2, e.stack + '\n');
  });
}
