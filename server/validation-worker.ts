/**
 * A validation worker (see validation.ts): loads the definitions once, then assesses one request's
 * answers at a time. Whatever a request makes the validator do, it does it here, not on the
 * thread that answers every other request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { assess, loadDefinitions } from './definitions.js';

const { root, definitionDirs } = workerData as { root: string; definitionDirs: string[] };
const definitions = loadDefinitions(root, definitionDirs);

parentPort!.on(
  'message',
  (task: { id: number; definitionId: string; data: unknown; locale?: string }) => {
    const served = definitions.get(task.definitionId);
    if (!served) {
      parentPort!.postMessage({ id: task.id, error: `Unknown definition ${task.definitionId}` });
      return;
    }
    try {
      parentPort!.postMessage({ id: task.id, result: assess(served, task.data, task.locale) });
    } catch (error) {
      parentPort!.postMessage({ id: task.id, error: (error as Error).message });
    }
  },
);
parentPort!.postMessage({ ready: true });
