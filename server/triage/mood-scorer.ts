// Scores the mood of visitors' messages in a worker thread, a batch per turn of the event loop: the
// sentiment lexicons cost about as much CPU as the rest of a message's handling, and the event loop has
// the sockets to serve. Without a worker (it could not start), the messages are scored here.
import type { Locale } from '../../protocol/locales.ts';
import { JobWorker, workerFile } from '../workers/job-worker.ts';
import { moodOf } from './mood.ts';

/** The worker ends after this long without messages to score (the lexicons are tens of MB). */
const WORKER_IDLE_MS = 60_000;

export interface MoodJob {
  text: string;
  locale: Locale;
}

interface Queued extends MoodJob {
  resolve(mood: number): void;
  reject(err: unknown): void;
}

export class MoodScorer {
  private readonly worker: JobWorker<MoodJob[], number[]>;
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(idleMs = WORKER_IDLE_MS) {
    this.worker = new JobWorker(workerFile(import.meta.url, 'mood-worker'), idleMs);
  }

  /** The message's polarity (see mood.ts), scored with the others of this turn. */
  score(text: string, locale: Locale): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, locale, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const job = this.worker.run(batch.map(({ text, locale }) => ({ text, locale })));
    if (!job) {
      for (const q of batch) moodOf(q.text, q.locale).then(q.resolve, q.reject);
      return;
    }
    job.then((moods) => batch.forEach((q, i) => q.resolve(moods[i]!)), (err: unknown) => batch.forEach((q) => q.reject(err)));
  }
}
