/**
 * Who writes generated/catalog.ts. ts-morph (and TypeScript under it) takes most of a second to
 * load and the module takes a few hundred milliseconds more to print on a large catalog, so a
 * caller that knows it will generate starts a worker thread early (`startTypedModuleWriter`,
 * before loading the catalog) and hands it to `generate`; the Dockerfiles are rendered meanwhile.
 * With the declarations kept from an earlier run for the same layer names (typed-module-cache.ts),
 * no worker is started and ts-morph is not loaded. Without a writer, the module is printed in
 * this thread.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../load/worker.js';
import { fillDeclarations, printDeclarations, printTypedModule, type TypedModuleInput } from './typed-module.js';
import type { TypedDeclarationsCache } from './typed-module-cache.js';

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

export interface WriterOptions {
  /** Declarations kept between runs; what is printed is kept there. */
  readonly cache?: TypedDeclarationsCache;
  /** The layer names the catalog is expected to have (expectedLayerNames). */
  readonly expectedNames?: readonly string[];
}

/**
 * A writer that fills kept declarations when the cache has them for the expected names, else a
 * worker thread that starts loading ts-morph now.
 */
export function startTypedModuleWriter(opts: WriterOptions = {}): TypedModuleWriter {
  const { cache } = opts;
  const kept = (names: readonly string[]): string | undefined => cache?.get(names);
  const printHere = (input: TypedModuleInput): string => {
    const declarations = kept(input.names) ?? printDeclarations(input.names);
    cache?.set(input.names, declarations);
    return fillDeclarations(declarations, input);
  };
  let worker: Worker | undefined =
    opts.expectedNames !== undefined && kept(opts.expectedNames) !== undefined ? undefined : startWorker(import.meta.url, 'typed-module-worker', {});
  // Never what keeps the process alive: a caller that stops early need not close it.
  worker?.unref();
  let used = false;
  return {
    write(input) {
      if (used) return Promise.reject(new Error('the typed-module writer was already used'));
      used = true;
      const w = worker;
      worker = undefined;
      const declarations = kept(input.names);
      if (w === undefined || declarations !== undefined) {
        void w?.terminate();
        try {
          return Promise.resolve(declarations !== undefined ? fillDeclarations(declarations, input) : printHere(input));
        } catch (e) {
          return Promise.reject(e);
        }
      }
      return new Promise((resolve, reject) => {
        w.ref();
        w.once('message', (m: { declarations: string } | { error: string }) => {
          if ('error' in m) return reject(new Error(`typed-module worker: ${m.error}`));
          cache?.set(input.names, m.declarations);
          try {
            resolve(fillDeclarations(m.declarations, input));
          } catch (e) {
            reject(e);
          }
        });
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`typed-module worker exited with status ${code}`)));
        w.postMessage(input.names);
      });
    },
    close() {
      void worker?.terminate();
      worker = undefined;
    },
  };
}
