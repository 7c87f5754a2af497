/**
 * A worker thread of the evaluation pool (pool.ts): one LayerEvaluator for the catalog, exports
 * the batches of layers it is sent, and on `finish` returns every file it read and then exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LayerEvaluator } from './layer-evaluator.js';
import { layerAt, type FromWorker, type PoolRequest, type ToWorker } from './pool.js';

const request = workerData as PoolRequest;
const evaluator = new LayerEvaluator(request.root, request.importPaths, request.layers);
const port = parentPort!;

port.on('message', (m: ToWorker) => {
  let reply: FromWorker;
  try {
    if ('batch' in m) {
      reply = { results: m.batch.map((i) => [i, evaluator.exportLayer(layerAt(request.layers, i))]) };
    } else {
      const { imports, texts } = evaluator.readFiles();
      reply = { files: { imports: [...imports].map(([f, t]) => [f, [...t]]), texts: [...texts] } };
    }
  } catch (e) {
    reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
  if (!('results' in reply)) port.close();
});
