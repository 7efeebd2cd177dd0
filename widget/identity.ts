// Identity in the widget: a site whose customers are signed in passes the token its backend signed
// (`identity-token` attribute or `identify(token)`), and the server links this visitor to the customer,
// so their conversations from every device and channel show as one history. In the chat's chunk: only
// pages that identify someone, or open a conversation link, ever load it.
import type { ConversationSummary } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import { ApiError } from './api.ts';
import { ChatApi } from './chat-api.ts';
import { forgetVisitor, readVisitor, saveVisitor } from './visitor-token.ts';

export interface IdentifyDetail {
  /** Whether the server accepted the token. */
  verified: boolean;
  /** The customer's name and email as the token says, when verified. */
  name: string | null;
  email: string | null;
  /** Verified, but this customer has not consented to chat yet: the widget asks when they write. */
  consentNeeded: boolean;
  /** Why the token was refused (expired, badly signed…), when not verified. */
  reason?: string;
}

/**
 * The outcome of identifying a customer: `detail.verified`, and `detail.reason` when refused.
 * Defined here rather than in events.ts so its code stays out of widget.js.
 */
export class AtiendeIdentifyEvent extends Event {
  readonly detail: IdentifyDetail;
  constructor(detail: IdentifyDetail) {
    super('atiende-identify', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export async function identify(server: string, identityToken: string, locale: Locale): Promise<IdentifyDetail> {
  const api = new ChatApi(server);
  for (let attempt = 0; attempt < 2; attempt++) {
    const visitor = readVisitor();
    try {
      const result = await api.identify(identityToken, locale, visitor?.token);
      if (result.visitorToken && result.visitorId) saveVisitor({ token: result.visitorToken, visitorId: result.visitorId });
      return { verified: true, ...result.customer, consentNeeded: result.visitorId === null };
    } catch (error) {
      const e = error instanceof ApiError ? error : undefined;
      // The stored visitor token was withdrawn: forget it and try as a new device.
      if (e?.code === 'ATIENDE_ERR_UNAUTHENTICATED' && visitor) {
        forgetVisitor();
        continue;
      }
      return { verified: false, name: null, email: null, consentNeeded: false, reason: e?.message ?? String(error) };
    }
  }
  return { verified: false, name: null, email: null, consentNeeded: false, reason: 'refused' };
}

declare global {
  interface HTMLElementEventMap {
    'atiende-identify': AtiendeIdentifyEvent;
  }
}

/** The conversation a link names, if this visitor may open it; undefined for anyone else. */
export async function linkedConversation(server: string, id: string): Promise<ConversationSummary | undefined> {
  const visitor = readVisitor();
  if (!visitor) return undefined;
  try {
    return await new ChatApi(server).conversation(visitor.token, id);
  } catch {
    return undefined;
  }
}
