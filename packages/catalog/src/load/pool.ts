/**
 * Evaluating layers on several cores. A layer's evaluation depends only on its two files and what
 * they import, so a large catalog is shared among worker threads (pool-worker.ts), each holding
 * its own LayerEvaluator — the shared imports are evaluated once per worker. Layers are handed out
 * in small batches as workers ask for more, so a worker slowed by a busy machine takes fewer;
 * results are keyed by the layer's position, so what the loader sees never depends on timing.
 */
import { availableParallelism } from 'node:os';
import type { LayerExport, LayerRef, ReadFiles } from './layer-evaluator.js';
import { startWorker } from './worker.js';

export interface PoolRequest {
  readonly root: string;
  readonly importPaths: readonly string[];
  /** Every layer of the catalog (each worker's program names them all). */
  readonly layers: readonly LayerRef[];
}

/** Messages of the protocol (plain data, structured-cloned). */
export type ToWorker = { batch: number[] } | { finish: true };
export type FromWorker =
  | { results: [number, LayerExport][] }
  | { files: { imports: [string, string[]][]; texts: [string, string][] } }
  | { error: string };

/** Below this many layers to evaluate, starting workers costs more than it saves. */
export const POOL_THRESHOLD = 150;

/** The worker count for `workers: 'auto'`: one per core the process may use, at most 4. */
export function autoWorkers(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Exports the layers at positions `todo` of `request.layers` with `workers` threads. Returns each
 * layer's export by position, and what every worker read.
 */
export async function exportInWorkers(
  request: PoolRequest,
  todo: readonly number[],
  workers: number,
): Promise<{ exports: Map<number, LayerExport>; files: ReadFiles[] }> {
  const count = Math.max(1, Math.min(workers, todo.length));
  // Small enough that workers finish close together, large enough that messages stay few.
  const batchSize = Math.max(1, Math.min(64, Math.ceil(todo.length / (count * 8))));
  let next = 0;
  const takeBatch = (): number[] => todo.slice(next, (next += batchSize));
  const exports = new Map<number, LayerExport>();
  const files: ReadFiles[] = [];
  const started: { terminate(): Promise<number> }[] = [];

  const runOne = (): Promise<void> =>
    new Promise((resolve, reject) => {
      // A larger young generation: evaluation allocates many short-lived objects, and fewer
      // scavenges save about a tenth of the CPU time.
      const worker = startWorker(import.meta.url, 'pool-worker', { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      started.push(worker);
      let done = false;
      const fail = (e: unknown): void => {
        if (done) return;
        done = true;
        // One failure fails the load: stop the other workers too.
        for (const w of started) void w.terminate();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const send = (): void => {
        const batch = takeBatch();
        worker.postMessage((batch.length > 0 ? { batch } : { finish: true }) satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if ('results' in m) {
          for (const [i, e] of m.results) exports.set(i, e);
          send();
        } else if ('files' in m) {
          files.push({ imports: new Map(m.files.imports.map(([f, t]) => [f, new Set(t)])), texts: new Map(m.files.texts) });
          done = true;
          resolve();
        } else fail(new Error(`evaluation worker: ${m.error}`));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`evaluation worker exited with status ${code} before finishing`)));
      send();
    });

  await Promise.all(Array.from({ length: count }, runOne));
  return { exports, files };
}
