/**
 * Evaluates golden programs on request, in a worker thread so that the test runner can give up on
 * a program that loops (terminating the worker) instead of hanging the whole suite.
 */
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { evaluateFile, FsImporter, NickelError, renderJson, renderText, SourceRegistry } from './library.js';
import type { Outcome } from './outcome.js';

function evaluate(file: string): Outcome {
  // Files are named relative to the program's folder, so the rendered text does not depend on
  // where the tests run (as the reference's diagnostics in the .err files).
  const sources = new SourceRegistry();
  try {
    return { status: 'export', json: renderJson(evaluateFile(file, { sources, importer: new FsImporter(dirname(file)) }).toPlain()) };
  } catch (e) {
    if (e instanceof NickelError) return { status: 'error', kind: e.kind, message: e.message, rendered: renderText(e, sources, { color: false }) };
    const error = e instanceof Error ? e : new Error(String(e));
    return { status: 'crash', message: `${error.name}: ${error.message}\n${error.stack ?? ''}` };
  }
}

parentPort?.on('message', (request: { id: number; file: string }) => {
  parentPort?.postMessage({ id: request.id, outcome: evaluate(request.file) });
});
