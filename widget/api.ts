// The knowledge-base HTTP client, and the request helper the chat client shares. Types only from the
// protocol, so TypeBox never reaches the bundle.
// Knowledge-base requests carry no credentials: the widget identifies nobody while the visitor only reads.
import type {
  Article,
  ErrorResponse,
  SearchResponse,
  SuggestionsResponse,
} from '../protocol/kb.ts';
import type { Locale } from '../protocol/locales.ts';

/** Why a request failed, in the terms the panel shows: no connection, not found, or anything else. */
export class ApiError extends Error {
  readonly kind: 'network' | 'not-found' | 'server';
  readonly status: number;
  readonly code: string;
  constructor(kind: ApiError['kind'], status: number, code: string, message: string) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

/** A JSON request with no cookies; any failure becomes an `ApiError` carrying the server's code and message. */
export async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError('network', 0, 'NETWORK', String(error));
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const body = (await response.json().catch(() => null)) as ErrorResponse | null;
  throw new ApiError(
    response.status === 404 ? 'not-found' : 'server',
    response.status,
    body?.error?.code ?? 'HTTP_' + response.status,
    body?.error?.message ?? response.statusText,
  );
}

/**
 * A visit id: 32 random hex characters naming this page load, kept in memory only (never in a cookie
 * or storage), so insights can count visits that found their answer without knowing who anyone is.
 */
export function newVisitId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class KbApi {
  private readonly base: string;

  constructor(server: string) {
    this.base = server.replace(/\/+$/, '');
  }

  /**
   * `record: false` for text that is not a search, such as a problem being described before consent.
   * `visit` lets the server keep only the query a visitor settles on, not every prefix typed.
   */
  search(q: string, locale: Locale, signal?: AbortSignal, limit = 8, record = true, visit?: string): Promise<SearchResponse> {
    return this.get('search', { q, locale, limit: String(limit), ...(record ? {} : { record: 'false' }), ...(visit ? { visit } : {}) }, signal);
  }

  suggestions(locale: Locale, path: string, signal?: AbortSignal): Promise<SuggestionsResponse> {
    return this.get('suggestions', { locale, path, limit: '5' }, signal);
  }

  article(slug: string, locale: Locale, signal?: AbortSignal): Promise<Article> {
    return this.get('article', { slug, locale }, signal);
  }

  async recordView(slug: string, locale: Locale, visit?: string): Promise<void> {
    await this.post('views', { slug, locale, visit });
  }

  async vote(slug: string, locale: Locale, helpful: boolean, visit?: string): Promise<void> {
    await this.post('votes', { slug, locale, helpful, visit });
  }

  private get<T>(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
    const query = new URLSearchParams(params).toString();
    return request(`${this.base}/api/kb/${path}?${query}`, { signal });
  }

  private post(path: string, body: unknown): Promise<unknown> {
    return request(`${this.base}/api/kb/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}
