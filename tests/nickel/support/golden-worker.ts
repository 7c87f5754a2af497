/**
 * Evaluates golden programs on request, in a worker thread so that the test runner can give up on
 * a program that loops (terminating the worker) instead of hanging the whole suite.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateFile, NickelError, renderJson } from './library.js';
import type { Outcome } from './outcome.js';

function evaluate(file: string): Outcome {
  try {
    return { status: 'export', json: renderJson(evaluateFile(file).toPlain()) };
  } catch (e) {
    if (e instanceof NickelError) return { status: 'error', kind: e.kind, message: e.message };
    const error = e instanceof Error ? e : new Error(String(e));
    return { status: 'crash', message: `${error.name}: ${error.message}\n${error.stack ?? ''}` };
  }
}

parentPort?.on('message', (request: { id: number; file: string }) => {
  parentPort?.postMessage({ id: request.id, outcome: evaluate(request.file) });
});
