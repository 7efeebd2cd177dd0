// A worker thread that answers jobs, for work that would otherwise hold the event loop (building a
// search index, scoring moods). Started on first use and ended after a while without work, since its
// heap is memory the server keeps for nothing in between. If it cannot start or dies, `run` answers
// undefined from then on and the caller does the work in its own thread.
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

interface Pending<Out> {
  resolve(output: Out): void;
  reject(err: Error): void;
}

type Reply<Out> = { id: number; output: Out } | { id: number; error: string };

/**
 * The worker file beside the module that asks for it: `<name>.js` in the bundle (dist/server/, beside
 * main.js), `<name>.ts` from source (tests, tsx). Pass the caller's import.meta.url.
 */
export function workerFile(callerUrl: string, name: string): string {
  return fileURLToPath(new URL(`./${name}.${callerUrl.endsWith('.ts') ? 'ts' : 'js'}`, callerUrl));
}

export class JobWorker<In, Out> {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Out>>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string, private readonly idleMs: number) {}

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** The worker's answer, or undefined if there is no worker (do the job here). */
  run(input: In): Promise<Out> | undefined {
    const worker = this.start();
    if (!worker) return undefined;
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      // Node 20 does not apply ESM loader hooks in workers: from source, tsx's CommonJS hook loads the file.
      const worker = this.file.endsWith('.ts')
        ? new Worker(`require('tsx/cjs/api').require(${JSON.stringify(this.file)}, ${JSON.stringify(this.file)});`, { eval: true })
        : new Worker(this.file);
      worker.unref();
      worker.on('message', (reply: Reply<Out>) => {
        const p = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if ('output' in reply) p?.resolve(reply.output);
        else p?.reject(new Error(reply.error));
        if (!this.pending.size) {
          clearTimeout(this.idleTimer);
          this.idleTimer = setTimeout(() => { if (!this.pending.size) void this.stop(); }, this.idleMs).unref();
        }
      });
      const fail = (err: Error) => {
        this.broken = true;
        this.worker = undefined;
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (this.worker === worker) fail(new Error(`worker ${this.file} exited with code ${code}`));
      });
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }
}

/** In the worker file: answers each job with `handle`'s result (or its error). */
export function serveJobs<In, Out>(handle: (input: In) => Out | Promise<Out>): void {
  parentPort!.on('message', async ({ id, input }: { id: number; input: In }) => {
    try {
      parentPort!.postMessage({ id, output: await handle(input) });
    } catch (err) {
      parentPort!.postMessage({ id, error: (err as Error).message });
    }
  });
}
