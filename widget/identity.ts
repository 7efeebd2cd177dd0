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
  name?: string | null;
  email?: string | null;
  /** Verified, but this customer has not consented to chat yet: the widget asks when they write. */
  consentNeeded?: boolean;
  /** Why the token was refused (expired, badly signed…), when not verified. */
  reason?: string;
}

/** `atiende-identify`: a CustomEvent rather than a class of its own, to keep the widget's bytes down. */
export const identifyEvent = (detail: IdentifyDetail) => new CustomEvent('atiende-identify', { detail, bubbles: true, composed: true });

export async function identify(server: string, identityToken: string, locale: Locale, retry = true): Promise<IdentifyDetail> {
  const visitor = readVisitor();
  try {
    const result = await new ChatApi(server).identify(identityToken, locale, visitor?.token);
    if (result.visitorToken) saveVisitor({ token: result.visitorToken, visitorId: result.visitorId! });
    return { verified: true, ...result.customer, consentNeeded: !result.visitorId };
  } catch (error) {
    // The stored visitor token was withdrawn: forget it and try as a new device.
    if (retry && visitor && (error as ApiError).code === 'ATIENDE_ERR_UNAUTHENTICATED') {
      forgetVisitor();
      return identify(server, identityToken, locale, false);
    }
    return { verified: false, reason: (error as Error).message };
  }
}

/** The conversation a link names, if this visitor may open it; undefined for anyone else. */
export async function linkedConversation(server: string, id: string): Promise<ConversationSummary | undefined> {
  const visitor = readVisitor();
  return visitor && new ChatApi(server).conversation(visitor.token, id).catch(() => undefined);
}

declare global {
  interface HTMLElementEventMap {
    'atiende-identify': CustomEvent<IdentifyDetail>;
  }
}
