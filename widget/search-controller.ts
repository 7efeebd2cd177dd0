// Search-as-you-type for a Lit host: waits for a pause in typing, and cancels the request a newer
// query makes stale so results never arrive out of order.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type SearchStatus = 'idle' | 'loading' | 'done' | 'error';

export type Fetcher<R> = (query: string, signal: AbortSignal) => Promise<R[]>;

export class SearchController<R> implements ReactiveController {
  /** `loading` keeps the previous results on screen, so the list does not flicker while typing. */
  status: SearchStatus = 'idle';
  /** The query the shown results answer. */
  query = '';
  results: R[] = [];
  error: unknown = undefined;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetcher: Fetcher<R>,
    private readonly onResults: (query: string, results: R[]) => void,
    private readonly delayMs = 120,
  ) {
    host.addController(this);
  }

  /** Searches once the visitor pauses typing; an empty query clears the results. */
  schedule(query: string): void {
    clearTimeout(this.timer);
    const q = query.trim();
    if (!q) return this.reset();
    this.timer = setTimeout(() => void this.run(q), this.delayMs);
  }

  /** Searches now, cancelling any pending or running search. */
  async run(query: string): Promise<void> {
    clearTimeout(this.timer);
    this.inflight?.abort();
    const q = query.trim();
    if (!q) return this.reset();
    const controller = new AbortController();
    this.inflight = controller;
    this.status = 'loading';
    this.host.requestUpdate();
    try {
      const results = await this.fetcher(q, controller.signal);
      if (controller.signal.aborted) return;
      this.results = results;
      this.query = q;
      this.error = undefined;
      this.status = 'done';
      this.onResults(q, results);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
      this.status = 'error';
    } finally {
      if (this.inflight === controller) this.inflight = undefined;
      this.host.requestUpdate();
    }
  }

  reset(): void {
    clearTimeout(this.timer);
    this.inflight?.abort();
    this.inflight = undefined;
    this.status = 'idle';
    this.query = '';
    this.results = [];
    this.error = undefined;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.inflight?.abort();
    this.inflight = undefined;
  }
}
