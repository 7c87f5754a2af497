/**
 * Who writes generated/catalog.ts. ts-morph (and TypeScript under it) takes most of a second to
 * load and the module takes a few hundred milliseconds more to print on a large catalog, so a
 * caller that knows it will generate starts a worker thread early (`startTypedModuleWriter`,
 * before loading the catalog) and hands it to `generate`; the Dockerfiles are rendered meanwhile.
 * Without one, the module is printed in this thread.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../load/worker.js';
import { printTypedModule, type TypedModuleInput } from './typed-module.js';

export interface TypedModuleWriter {
  /** The module's text; call once. */
  write(input: TypedModuleInput): Promise<string>;
  /** Stops the writer if `write` was not called (e.g. the catalog had errors). */
  close(): void;
}

export const inThisThread: TypedModuleWriter = {
  write: printTypedModule,
  close: () => undefined,
};

/** A writer in a worker thread that starts loading ts-morph now. */
export function startTypedModuleWriter(): TypedModuleWriter {
  let worker: Worker | undefined = startWorker(import.meta.url, 'typed-module-worker', {});
  // Never what keeps the process alive: a caller that stops early need not close it.
  worker.unref();
  return {
    write(input) {
      const w = worker;
      if (!w) return Promise.reject(new Error('the typed-module writer was already used'));
      worker = undefined;
      return new Promise((resolve, reject) => {
        w.ref();
        w.once('message', (m: { text: string } | { error: string }) => ('text' in m ? resolve(m.text) : reject(new Error(`typed-module worker: ${m.error}`))));
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`typed-module worker exited with status ${code}`)));
        w.postMessage(input);
      });
    },
    close() {
      void worker?.terminate();
      worker = undefined;
    },
  };
}
