// The chat's HTTP calls: the consent text, consent and its withdrawal, conversations, ratings,
// socket tickets and "this solved it". A visitor is known by `Authorization: Bearer <token>` only
// after consent; no cookie is ever sent. Types come from the protocol, never its schemas.
import type { ChatConfig, ChatMessage, ConsentBody, ConversationSummary, IdentityResponse } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import { request } from './api.ts';

export type { ChatConfig, ChatMessage, ConversationSummary };

export interface ConversationContext {
  searches: string[];
  articles: Array<{ slug: string; title: string }>;
  pageUrl: string;
}

type Conversation = { conversation: ConversationSummary };
/** Where the visitor writes from: a site's floating widget, the full-page /help centre, or a Facebook Page tab. */
export type Channel = 'web' | 'help' | 'facebook';

export class ChatApi {
  private readonly base: string;

  constructor(server: string) {
    this.base = server.replace(/\/+$/, '') + '/api/chat/';
  }

  config(locale: Locale): Promise<ChatConfig> {
    return this.call('GET', `config?locale=${locale}`);
  }

  consent(body: ConsentBody): Promise<{ visitorId: string; visitorToken: string }> {
    return this.call('POST', 'consent', undefined, body);
  }

  withdraw(token: string, pageUrl: string): Promise<void> {
    return this.call('DELETE', `consent?pageUrl=${encodeURIComponent(pageUrl)}`, token);
  }

  async start(token: string, locale: Locale, channel: Channel, context: ConversationContext, channelTicket?: string, visit?: string): Promise<ConversationSummary> {
    const body = { locale, channel, context, visit, ...(channelTicket ? { channelTicket } : {}) };
    return (await this.call<Conversation>('POST', 'conversations', token, body)).conversation;
  }

  /** One conversation, for a link to it: refused unless it is this visitor's (or their customer's). */
  async conversation(token: string, id: string): Promise<ConversationSummary> {
    return (await this.call<Conversation>('GET', `conversations/${encodeURIComponent(id)}`, token)).conversation;
  }

  /** Links this visitor (or, with no token yet, this device) to the customer the identity token names. */
  identify(identityToken: string, locale: Locale, token?: string): Promise<IdentityResponse> {
    return this.call('POST', 'identity', token, { token: identityToken, locale });
  }

  async list(token: string): Promise<ConversationSummary[]> {
    return (await this.call<{ conversations: ConversationSummary[] }>('GET', 'conversations', token)).conversations;
  }

  async reopen(token: string, id: string): Promise<ConversationSummary> {
    return (await this.call<Conversation>('POST', `conversations/${encodeURIComponent(id)}/reopen`, token)).conversation;
  }

  rate(token: string, id: string, rating: number, comment: string): Promise<void> {
    return this.call('POST', `conversations/${encodeURIComponent(id)}/rating`, token, comment ? { rating, comment } : { rating });
  }

  async ticket(token: string): Promise<string> {
    return (await this.call<{ ticket: string }>('POST', 'tickets', token)).ticket;
  }

  deflect(locale: Locale, slug: string | undefined, visit?: string): Promise<void> {
    return this.call('POST', 'deflections', undefined, { locale, slug, visit });
  }

  /** The socket address for a ticket: ws: or wss: on the same server. */
  socketUrl(ticket: string): string {
    return `${this.base.replace(/^http/, 'ws')}ws?ticket=${encodeURIComponent(ticket)}`;
  }

  /** A body only when there is one: the server refuses an empty JSON body. */
  private call<T>(method: string, path: string, token?: string, body?: object): Promise<T> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body) headers['content-type'] = 'application/json';
    return request(this.base + path, { method, headers, body: body && JSON.stringify(body) });
  }
}
