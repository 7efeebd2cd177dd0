// The console's HTTP client: sign-in, sign-out, the inbox and one conversation. Same-origin requests
// carry the session cookie; Chromium adds the Origin header the server requires on every POST.
// Types only from the protocol, so TypeBox never reaches the bundle.
import type { ChatMessage, ConversationSummary } from '../protocol/chat.ts';
import type { ArticleFields, ArticleListItem, ArticleResponse, DiffResponse, EditorArticle, RevisionSummary, StaffMember } from '../protocol/articles.ts';
import type { ErrorResponse } from '../protocol/kb.ts';
import type { Block, HeldMessage } from '../protocol/abuse.ts';
import type { Locale } from '../protocol/locales.ts';

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface VisitorProfile {
  name: string | null;
  email: string | null;
}

/** One row of GET /api/console/conversations (the server's InboxItem). */
export interface InboxItem extends ConversationSummary {
  visitor: VisitorProfile;
}

export interface ConversationContext {
  searches: string[];
  articles: { slug: string; title: string }[];
  pageUrl: string;
}

/** GET /api/console/conversations/:id */
export interface ConversationDetail {
  conversation: ConversationSummary;
  visitor: VisitorProfile;
  context: ConversationContext | null;
  messages: ChatMessage[];
  /** `${PUBLIC_URL}/help?conversation=…`: opens the conversation for its owner only. */
  link: string;
}

/** Why a request failed: no connection (status 0), or the server's status and error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds to wait before trying again, from Retry-After (429). */
  readonly retryAfter: number | undefined;
  /** The article as it is now, when a save met a newer version (409). */
  readonly current: EditorArticle | undefined;
  constructor(status: number, code: string, message: string, retryAfter?: number, current?: EditorArticle) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.current = current;
  }
}

export class ConsoleApi {
  async signIn(email: string, password: string): Promise<Agent> {
    return (await this.request<{ agent: Agent }>('POST', '/api/console/login', { email, password })).agent;
  }

  async signOut(): Promise<void> {
    await this.request('POST', '/api/console/logout');
  }

  /** The signed-in agent, or null when there is no valid session. */
  async me(): Promise<Agent | null> {
    try {
      return (await this.request<{ agent: Agent }>('GET', '/api/console/me')).agent;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async inbox(signal?: AbortSignal): Promise<InboxItem[]> {
    return (await this.request<{ conversations: InboxItem[] }>('GET', '/api/console/conversations', undefined, signal)).conversations;
  }

  conversation(id: string, signal?: AbortSignal): Promise<ConversationDetail> {
    return this.request('GET', `/api/console/conversations/${encodeURIComponent(id)}`, undefined, signal);
  }

  /** Flags the conversation's visitor VIP (or not); answers the conversation's new summary. */
  async setVip(id: string, vip: boolean): Promise<ConversationSummary> {
    return (await this.request<{ conversation: ConversationSummary }>('PUT', `/api/console/conversations/${encodeURIComponent(id)}/vip`, { vip })).conversation;
  }

  async block(conversationId: string, reason: string): Promise<Block> {
    return (await this.request<{ block: Block }>('POST', `/api/console/conversations/${encodeURIComponent(conversationId)}/block`, { reason })).block;
  }

  async unblock(id: number): Promise<void> {
    await this.request('DELETE', `/api/console/blocks/${id}`);
  }

  async blocks(): Promise<Block[]> {
    return (await this.request<{ blocks: Block[] }>('GET', '/api/console/blocks')).blocks;
  }

  async held(): Promise<HeldMessage[]> {
    return (await this.request<{ messages: HeldMessage[] }>('GET', '/api/console/held')).messages;
  }

  /** Releases a held message to the agents (`release`) or drops it for good (`discard`). */
  async settleHeld(m: HeldMessage, action: 'release' | 'discard'): Promise<void> {
    await this.request('POST', `/api/console/conversations/${encodeURIComponent(m.conversationId)}/messages/${m.seq}/${action}`);
  }

  // ---- articles ----------------------------------------------------------------------------------

  articles(filters: Record<string, string>, signal?: AbortSignal): Promise<{ articles: ArticleListItem[]; categories: string[] }> {
    return this.request('GET', `/api/console/articles?${new URLSearchParams(filters)}`, undefined, signal);
  }

  article(locale: Locale, slug: string): Promise<ArticleResponse> {
    return this.request('GET', `/api/console/articles/item?${new URLSearchParams({ locale, slug })}`);
  }

  createArticle(input: { locale: Locale; slug: string } & ArticleFields): Promise<ArticleResponse> {
    return this.request('POST', '/api/console/articles', input);
  }

  saveArticle(input: { locale: Locale; slug: string; version: number } & ArticleFields): Promise<ArticleResponse> {
    return this.request('POST', '/api/console/articles/save', input);
  }

  publish(locale: Locale, slug: string, version: number): Promise<ArticleResponse> {
    return this.request('POST', '/api/console/articles/publish', { locale, slug, version });
  }

  unpublish(locale: Locale, slug: string): Promise<ArticleResponse> {
    return this.request('POST', '/api/console/articles/unpublish', { locale, slug });
  }

  async revisions(locale: Locale, slug: string): Promise<RevisionSummary[]> {
    return (await this.request<{ revisions: RevisionSummary[] }>('GET', `/api/console/articles/revisions?${new URLSearchParams({ locale, slug })}`)).revisions;
  }

  diff(locale: Locale, slug: string, from: number, to: number): Promise<DiffResponse> {
    return this.request('GET', `/api/console/articles/diff?${new URLSearchParams({ locale, slug, from: String(from), to: String(to) })}`);
  }

  restore(locale: Locale, slug: string, restore: number, version: number): Promise<ArticleResponse> {
    return this.request('POST', '/api/console/articles/restore', { locale, slug, restore, version });
  }

  async preview(locale: Locale, body: string, signal?: AbortSignal): Promise<string> {
    return (await this.request<{ html: string }>('POST', '/api/console/articles/preview', { locale, body }, signal)).html;
  }

  async uploadImage(file: File): Promise<{ url: string }> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.request('POST', '/api/console/articles/images', form);
  }

  // ---- team --------------------------------------------------------------------------------------

  async staff(): Promise<StaffMember[]> {
    return (await this.request<{ staff: StaffMember[] }>('GET', '/api/console/staff')).staff;
  }

  addStaff(input: { email: string; name: string; role: string; password: string }): Promise<{ member: StaffMember }> {
    return this.request('POST', '/api/console/staff', input);
  }

  /** One JSON request to the console API; add-on modules (routing-api.ts) use it too. */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      const form = body instanceof FormData;
      response = await fetch(path, {
        method,
        signal,
        credentials: 'same-origin',
        headers: body === undefined || form ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'NETWORK', String(error));
    }
    if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
    const error = (await response.json().catch(() => null)) as (ErrorResponse & { current?: EditorArticle }) | null;
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    throw new ApiError(response.status, error?.error?.code ?? `HTTP_${response.status}`, error?.error?.message ?? response.statusText, retryAfter, error?.current);
  }
}
