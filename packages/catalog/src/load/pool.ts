/**
 * Evaluating layers on several cores. A layer's evaluation depends only on its two files and what
 * they import, so a large catalog is shared between this thread and worker threads
 * (pool-worker.ts), each holding its own LayerEvaluator — the shared imports are evaluated once
 * per evaluator. Layers are handed out in small batches as evaluators ask for more, so one slowed
 * by a busy machine takes fewer; results are keyed by the layer's position, so what the loader
 * sees never depends on timing.
 */
import { availableParallelism } from 'node:os';
import type { LayerEvaluator, LayerExport, LayerRef, ReadFiles } from './layer-evaluator.js';
import { startWorker } from './worker.js';

export interface PoolRequest {
  readonly root: string;
  readonly importPaths: readonly string[];
  /** Every layer of the catalog (each worker's program names them all). */
  readonly layers: readonly LayerRef[];
}

/** The layer at position `i` of the request: batches name layers by position. */
export function layerAt(layers: readonly LayerRef[], i: number): LayerRef {
  const layer = layers[i];
  if (layer === undefined) throw new Error(`no layer at position ${i} (the catalog has ${layers.length})`);
  return layer;
}

/** Messages of the protocol (plain data, structured-cloned). */
export type ToWorker = { batch: number[] } | { finish: true };
export type FromWorker = { results: [number, LayerExport][] } | { files: { imports: [string, string[]][]; texts: [string, string][] } } | { error: string };

/**
 * Below this many layers to evaluate, worker threads are not worth it: each costs a start and a
 * warm-up worth a few hundred layers, and one thread already keeps a second core partly busy
 * (V8's concurrent GC and compiler). Measured on the 2-vCPU development machine
 * (bench/catalog/RESULTS.md): no gain at 1,000 layers, 9.5 s against 15.2 s at 10,000.
 */
export const POOL_THRESHOLD = 2000;

/** The evaluator count for `workers: 'auto'`: one per core the process may use, at most 4. */
export function autoWorkers(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Exports the layers at positions `todo` of `request.layers` with `evaluators` evaluators: this
 * thread's `local` one and `evaluators - 1` worker threads. This thread works too — a worker's
 * start (loading the evaluator, warming it up, evaluating the shared imports) costs about as much
 * as evaluating a couple of hundred layers, so one fewer worker is cheaper than an idle thread.
 * Returns each layer's export by position, and what every worker thread read.
 */
export async function exportInPool(
  request: PoolRequest,
  todo: readonly number[],
  evaluators: number,
  local: LayerEvaluator,
): Promise<{ exports: Map<number, LayerExport>; files: ReadFiles[] }> {
  const threads = Math.max(0, Math.min(evaluators - 1, todo.length - 1));
  // Small enough that evaluators finish close together, large enough that messages stay few.
  const batchSize = Math.max(1, Math.min(64, Math.ceil(todo.length / ((threads + 1) * 8))));
  let next = 0;
  const takeBatch = (): number[] => todo.slice(next, (next += batchSize));
  const exports = new Map<number, LayerExport>();
  const files: ReadFiles[] = [];
  const started: { terminate(): Promise<number> }[] = [];
  let failure: Error | undefined;

  const runThread = (): Promise<void> =>
    new Promise((resolve, reject) => {
      // A larger young generation: evaluation allocates many short-lived objects, and fewer
      // scavenges save about a tenth of the CPU time.
      const worker = startWorker(import.meta.url, 'pool-worker', { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      started.push(worker);
      let done = false;
      let outstanding = 0;
      const fail = (e: unknown): void => {
        if (done) return;
        done = true;
        failure ??= e instanceof Error ? e : new Error(String(e));
        // One failure fails the load: stop the other workers too.
        for (const w of started) void w.terminate();
        reject(failure);
      };
      const send = (): void => {
        const batch = takeBatch();
        if (batch.length > 0) {
          outstanding++;
          worker.postMessage({ batch } satisfies ToWorker);
        } else if (outstanding === 0) worker.postMessage({ finish: true } satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if ('results' in m) {
          outstanding--;
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
      // Two batches in flight: a worker never waits while this thread is busy with its own batch.
      send();
      send();
    });

  const inThreads = Promise.all(Array.from({ length: threads }, runThread));
  inThreads.catch(() => undefined);
  for (let batch = takeBatch(); batch.length > 0 && !failure; batch = takeBatch()) {
    for (const i of batch) exports.set(i, local.exportLayer(layerAt(request.layers, i)));
    // Let the workers' messages in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await inThreads;
  return { exports, files };
}
