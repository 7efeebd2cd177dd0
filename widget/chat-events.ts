// Events between the panel and the chat, inside the widget's shadow roots only. In the chat's chunk
// and the panel's, never in widget.js.
import type { ConversationSummary } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';

/** The chat's Back button: the panel shows what it showed before the chat. */
export class ChatBackEvent extends Event {
  constructor() {
    super('chat-back', { bubbles: true });
  }
}

/** A suggested article in "Describe your problem": the panel shows it, and Back returns to the chat. */
export class ChatArticleEvent extends Event {
  readonly slug: string;
  readonly locale: Locale;
  constructor(slug: string, locale: Locale) {
    super('chat-article', { bubbles: true });
    this.slug = slug;
    this.locale = locale;
  }
}

/** A returning visitor picked one of their conversations. */
export class ConversationSelectEvent extends Event {
  readonly conversation: ConversationSummary;
  constructor(conversation: ConversationSummary) {
    super('conversation-select', { bubbles: true });
    this.conversation = conversation;
  }
}

/** The visitor token was stored or forgotten (consent given, withdrawn, or refused by the server). */
export class VisitorChangeEvent extends Event {
  constructor() {
    super('visitor-change', { bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chat-back': ChatBackEvent;
    'chat-article': ChatArticleEvent;
    'conversation-select': ConversationSelectEvent;
    'visitor-change': VisitorChangeEvent;
  }
}
