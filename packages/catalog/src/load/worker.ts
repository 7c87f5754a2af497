/**
 * Starting a worker thread whose entry point is a module of this package: from `dist/`, the `.js`
 * beside the caller. From source (the tests run `src/` under tsx, given with `--import tsx`),
 * Node 20 does not carry the parent's loader hooks into worker threads, so the worker registers
 * tsx itself before importing the `.ts` entry.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker running module `name` (without extension) of the folder of `callerUrl` (import.meta.url). */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, callerUrl);
  if (!fromSource) return new Worker(entry, options);
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}
