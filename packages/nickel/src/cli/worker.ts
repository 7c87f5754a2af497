import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CliIo } from './io.js';
import { runCli } from './run.js';

/** What the main thread hands to the evaluation thread. */
export interface WorkerInput {
  argv: string[];
  stderrIsTTY: boolean;
  /** Standard input, already read by the main thread (it can only be read once). */
  stdin: string | undefined;
}

/** What comes back: the whole output, written by the main thread in order, and the exit status. */
export interface WorkerResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * The evaluation thread, used when a command overflowed the main thread's stack: runs it again
 * with its output collected and posts the result back. Its stack is as large as main.ts asked.
 */
function main(): void {
  const input = workerData as WorkerInput;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (text) => void stdout.push(text),
    stderr: (text) => void stderr.push(text),
    env: process.env,
    stderrIsTTY: input.stderrIsTTY,
    readStdin: () => input.stdin ?? '',
    writeFile: (path, text) => writeFileSync(path, text),
  };
  const code = runCli(input.argv, io);
  const result: WorkerResult = { stdout: stdout.join(''), stderr: stderr.join(''), code };
  parentPort!.postMessage(result);
}

main();
