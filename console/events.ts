// The console's internal events. None leaves the console: they carry socket frames from the
// connection to the views, and sign-in from the form to the app.
import type { ServerFrame } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import type { Agent } from './api.ts';

/** A frame arrived on the console socket (dispatched on the ConsoleConnection). */
export class ServerFrameEvent extends Event {
  readonly frame: ServerFrame;
  constructor(frame: ServerFrame) {
    super('server-frame');
    this.frame = frame;
  }
}

/** The sign-in form signed someone in. */
export class SignedInEvent extends Event {
  readonly agent: Agent;
  constructor(agent: Agent) {
    super('signed-in', { bubbles: true, composed: true });
    this.agent = agent;
  }
}

/** The agent picked another interface language. */
export class LocaleSelectEvent extends Event {
  readonly locale: Locale;
  constructor(locale: Locale) {
    super('locale-select', { bubbles: true, composed: true });
    this.locale = locale;
  }
}

/** The inbox could not be loaded and the agent asked to try again. */
export class InboxRetryEvent extends Event {
  constructor() {
    super('inbox-retry', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'signed-in': SignedInEvent;
    'locale-select': LocaleSelectEvent;
    'inbox-retry': InboxRetryEvent;
  }
}
