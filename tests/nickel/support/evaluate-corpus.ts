/**
 * Runs every program of the corpus through our evaluator in one worker thread, one at a time, with
 * a per-program time limit: on timeout the worker is replaced and the next program goes on.
 */
import { Worker } from 'node:worker_threads';
import type { GoldenProgram } from './corpus.js';
import type { Outcome } from './outcome.js';

const WORKER = new URL('./golden-worker.mjs', import.meta.url);

/** After this many workers in a row die without answering, the library itself does not load. */
const MAX_CONSECUTIVE_DEATHS = 3;

export async function evaluateCorpus(programs: readonly GoldenProgram[], timeoutMs: number): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let worker = new Worker(WORKER);
  let nextId = 0;
  let deaths = 0;
  let lastDeath = '';
  try {
    for (const program of programs) {
      if (deaths >= MAX_CONSECUTIVE_DEATHS) {
        outcomes.set(program.id, { status: 'crash', message: `not run: the evaluator worker keeps dying (${lastDeath})` });
        continue;
      }
      const id = nextId++;
      const outcome = await new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          void worker.terminate();
          worker = new Worker(WORKER);
          resolve({ status: 'timeout', ms: timeoutMs });
        }, timeoutMs);
        const onMessage = (answer: { id: number; outcome: Outcome }) => {
          if (answer.id !== id) return;
          cleanup();
          resolve(answer.outcome);
        };
        const onError = (error: Error) => {
          cleanup();
          worker = new Worker(WORKER);
          resolve({ status: 'crash', message: `worker died: ${error.stack ?? error.message}` });
        };
        const onExit = (code: number) => {
          cleanup();
          worker = new Worker(WORKER);
          resolve({ status: 'crash', message: `worker exited with code ${code}` });
        };
        const cleanup = () => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage({ id, file: program.file });
      });
      if (outcome.status === 'crash' && outcome.message.startsWith('worker ')) {
        deaths++;
        lastDeath = outcome.message.split('\n')[0]!;
      } else {
        deaths = 0;
      }
      outcomes.set(program.id, outcome);
    }
  } finally {
    await worker.terminate();
  }
  return outcomes;
}
