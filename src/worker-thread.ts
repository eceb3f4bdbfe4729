// Starts a worker thread from a file beside the caller's: JavaScript when compiled; TypeScript
// under tsx and the tests, where the worker first registers tsx's require hook for itself.
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerFile` is the caller's __filename; `name` the worker's file name without extension, relative to it. */
export function startWorkerBeside(callerFile: string, name: string, options: WorkerOptions): Worker {
  const extension = path.extname(callerFile);
  const file = path.join(path.dirname(callerFile), `${name}${extension}`);
  if (extension !== '.ts') return new Worker(file, options);
  const source = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(file)});`;
  return new Worker(source, { ...options, eval: true });
}
