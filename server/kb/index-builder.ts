// Builds search indexes off the request path: in a worker thread (server/workers/job-worker.ts), or in
// this thread if the worker cannot start. Searches meanwhile use the current index.
import type { Locale } from '../../protocol/locales.ts';
import { JobWorker, workerFile } from '../workers/job-worker.ts';
import { FlatIndex, type FlatIndexData } from './flat-index.ts';
import { buildIndex, type IndexInput } from './search-index.ts';

/** The worker ends after this long without work; the next rebuild starts it again. */
const WORKER_IDLE_MS = 30_000;

export interface IndexJob {
  locale: Locale;
  inputs: IndexInput[];
}

export class IndexBuilder {
  private readonly worker: JobWorker<IndexJob, FlatIndexData>;

  constructor(idleMs = WORKER_IDLE_MS) {
    this.worker = new JobWorker(workerFile(import.meta.url, 'index-worker'), idleMs);
  }

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker.running;
  }

  async build(locale: Locale, inputs: IndexInput[]): Promise<FlatIndex> {
    const job = this.worker.run({ locale, inputs });
    if (job) return new FlatIndex(await job);
    // No worker: yield once so the caller's request finishes first, then build here.
    await new Promise((resolve) => setImmediate(resolve));
    return buildIndex(locale, inputs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }
}
