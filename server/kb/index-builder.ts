// Builds search indexes off the request path: in a worker thread (one, started on first use and ended
// after a while without work, since its heap is memory the server keeps for nothing between edits), or
// in this thread in small steps if the worker cannot start. Searches meanwhile use the current index.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../../protocol/locales.ts';
import { FlatIndex, type FlatIndexData } from './flat-index.ts';
import { buildIndex, type IndexInput } from './search-index.ts';

// The bundle ships the worker as JavaScript beside main.js. Run from source (tests, tsx), the worker is
// TypeScript: Node 20 does not apply ESM loader hooks in workers, so tsx's CommonJS hook loads it.
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = fileURLToPath(new URL(fromSource ? './index-worker.ts' : './index-worker.js', import.meta.url));
const SOURCE_BOOTSTRAP = `require('tsx/cjs/api').require(${JSON.stringify(workerFile)}, ${JSON.stringify(workerFile)});`;

interface Pending {
  resolve(index: FlatIndex): void;
  reject(err: Error): void;
}

/** The worker ends after this long without work; the next rebuild starts it again. */
const WORKER_IDLE_MS = 30_000;

export class IndexBuilder {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = WORKER_IDLE_MS) {}

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the worker ahead of the first rebuild. */
  warm(): void {
    this.start();
  }

  build(locale: Locale, inputs: IndexInput[]): Promise<FlatIndex> {
    const worker = this.start();
    if (!worker) {
      // No worker: yield once so the caller's request finishes first, then build here.
      return new Promise((resolve, reject) => setImmediate(() => {
        try {
          resolve(buildIndex(locale, inputs));
        } catch (err) {
          reject(err as Error);
        }
      }));
    }
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, locale, inputs });
    });
  }

  private start(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = fromSource ? new Worker(SOURCE_BOOTSTRAP, { eval: true }) : new Worker(workerFile);
      worker.unref();
      worker.on('message', (msg: { id: number; data?: FlatIndexData; error?: string }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.data) p?.resolve(new FlatIndex(msg.data));
        else p?.reject(new Error(msg.error ?? 'index worker failed'));
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
        if (this.worker === worker) fail(new Error(`index worker exited with code ${code}`));
      });
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
