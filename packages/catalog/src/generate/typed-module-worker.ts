/**
 * The worker thread that writes generated/catalog.ts (typed-module-writer.ts): it imports ts-morph
 * as soon as it starts — while the main thread is still loading the catalog — then prints the
 * module for the input it is sent and exits.
 */
import { parentPort } from 'node:worker_threads';
import { printTypedModule, type TypedModuleInput } from './typed-module.js';

const port = parentPort!;
// Started at once; printTypedModule's own import then finds the module loaded.
const loading = import('ts-morph');

port.once('message', (input: TypedModuleInput) => {
  loading
    .then(() => printTypedModule(input))
    .then(
      (text) => port.postMessage({ text }),
      (e: unknown) => port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    )
    .finally(() => port.close());
});
