/**
 * Validation off the main thread, within a time budget. Definitions are linted for patterns that
 * backtrack catastrophically, but the server does not rely on that alone: every request's answers
 * are assessed in a small pool of worker threads, and a worker that takes longer than the budget
 * is terminated (and replaced), so one request can never stall the others.
 */
import { Worker } from 'node:worker_threads';
import type { Assessment, AssessOptions } from './definitions.js';

export interface ValidationOptions {
  /** Worker threads (default 2). */
  workers?: number;
  /** Milliseconds one assessment may take before its worker is terminated (default 2000). */
  budgetMs?: number;
  /** Assessments that may wait for a worker; past that the request is answered 503 (default 100). */
  maxWaiting?: number;
}

export interface ValidationPool {
  /** Assesses `data` under a definition in a worker (problems in `options.locale`'s language); rejects with `ValidationTimeoutError` past the budget. */
  assess(definitionId: string, data: unknown, options?: AssessOptions): Promise<Assessment>;
  /** Starts the workers now (they start on first use otherwise). */
  warm(): void;
  /** Starts the workers and resolves once every one of them is ready to assess. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** An assessment took longer than the budget; its worker was terminated. */
export class ValidationTimeoutError extends Error {}

/** Too many assessments are waiting (or one waited too long): try again shortly. */
export class ValidationBusyError extends Error {}

interface Task {
  id: number;
  /** When it stops waiting for a worker. */
  deadline: number;
  definitionId: string;
  data: unknown;
  options: AssessOptions;
  resolve: (value: Assessment) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Resolves when the worker reported ready (rejects if it failed first). */
  started: Promise<void>;
  fail?: (error: Error) => void;
  task?: Task | undefined;
  timer?: NodeJS.Timeout | undefined;
}

type Reply = { ready: true } | { id: number; result: Assessment } | { id: number; error: string };

export function createValidationPool(
  options: ValidationOptions & {
    root: string;
    definitionDirs: string[];
    log: (entry: Record<string, unknown>) => void;
    /** The worker module (tests give one of their own to prove the budget). */
    workerUrl?: URL;
  },
): ValidationPool {
  const { root, definitionDirs, log, workers = 2, budgetMs = 2000, maxWaiting = 100 } = options;
  const workerUrl = options.workerUrl ?? new URL('./validation-worker.ts', import.meta.url);
  const slots = new Set<Slot>();
  const queue: Task[] = [];
  let counter = 0;
  let closed = false;

  function spawn(): Slot {
    let started!: { resolve: () => void; reject: (error: Error) => void };
    const slot: Slot = {
      started: new Promise<void>((resolve, reject) => (started = { resolve, reject })),
      worker: /\.[cm]?ts$/.test(workerUrl.pathname)
        ? // The reference server runs from its TypeScript sources: the worker registers tsx first.
          new Worker(
            `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
              `.then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`,
            { eval: true, workerData: { root, definitionDirs } },
          )
        : new Worker(workerUrl, { workerData: { root, definitionDirs } }),
      ready: false,
    };
    slot.worker.unref();
    slot.worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        slot.ready = true;
        started.resolve();
        return pump();
      }
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      clearTimeout(slot.timer);
      slot.task = undefined;
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.result);
      pump();
    });
    slot.worker.on('error', (error) => {
      log({ event: 'validation.worker-error', message: error.message });
      retire(slot, error);
    });
    slot.started.catch(() => undefined);
    slot.worker.on('exit', () => retire(slot, new Error('The validation worker stopped')));
    slot.fail = started.reject;
    slots.add(slot);
    return slot;
  }

  /**
   * Takes a slot out of the pool (its task, if any, fails) and fills the pool up again. A worker
   * that could not even start fails every waiting task instead: the next request tries anew.
   */
  function retire(slot: Slot, error: Error): void {
    if (!slots.delete(slot)) return;
    clearTimeout(slot.timer);
    slot.fail?.(error);
    slot.task?.reject(error);
    slot.task = undefined;
    void slot.worker.terminate();
    const anyReady = [...slots].some((s) => s.ready);
    if (!slot.ready && !anyReady) for (const task of queue.splice(0)) task.reject(error);
    pump();
  }

  function pump(): void {
    if (closed) return;
    // Who waited longer than a budget for a worker is answered "busy" rather than kept waiting.
    const now = Date.now();
    for (let i = queue.length - 1; i >= 0; i--)
      if (queue[i]!.deadline < now)
        queue.splice(i, 1)[0]!.reject(new ValidationBusyError('Waited too long for validation'));
    while (queue.length > 0) {
      const idle = [...slots].find((s) => s.ready && !s.task);
      if (!idle) {
        if (slots.size < workers) spawn();
        return;
      }
      const task = queue.shift()!;
      idle.task = task;
      idle.timer = setTimeout(() => {
        log({ event: 'validation.timeout', definition: task.definitionId, budgetMs });
        retire(idle, new ValidationTimeoutError(`Validation took longer than ${budgetMs} ms`));
      }, budgetMs);
      idle.worker.postMessage({
        id: task.id,
        definitionId: task.definitionId,
        data: task.data,
        options: task.options,
      });
    }
  }

  return {
    assess(definitionId, data, options = {}) {
      if (closed) return Promise.reject(new Error('The validation pool is closed'));
      if (queue.length >= maxWaiting)
        return Promise.reject(new ValidationBusyError('Too many validations waiting'));
      return new Promise<Assessment>((resolve, reject) => {
        queue.push({
          id: ++counter,
          deadline: Date.now() + budgetMs,
          definitionId,
          data,
          options,
          resolve,
          reject,
        });
        pump();
      });
    },
    warm() {
      while (!closed && slots.size < workers) spawn();
    },
    async ready() {
      this.warm();
      await Promise.all([...slots].map((slot) => slot.started));
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('The validation pool is closed'));
      const all = [...slots];
      slots.clear();
      await Promise.all(
        all.map((slot) => {
          clearTimeout(slot.timer);
          slot.fail?.(new Error('The validation pool is closed'));
          slot.task?.reject(new Error('The validation pool is closed'));
          return slot.worker.terminate();
        }),
      );
    },
  };
}
