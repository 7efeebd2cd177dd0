// The events <atiende-widget> fires. Public ones bubble and are composed so a host page can listen on
// the element or on `document`; internal ones stay inside the widget's shadow root.
import type { Locale } from '../protocol/locales.ts';

const PUBLIC: EventInit = { bubbles: true, composed: true };

/** The panel opened (by the visitor, `open()`, `search()` or the `open` attribute). */
export class AtiendeOpenEvent extends Event {
  constructor() {
    super('atiende-open', PUBLIC);
  }
}

/** The panel closed. */
export class AtiendeCloseEvent extends Event {
  constructor() {
    super('atiende-close', PUBLIC);
  }
}

export interface SearchDetail {
  query: string;
  locale: Locale;
  resultCount: number;
}

/** A search finished and its results are on screen. */
export class AtiendeSearchEvent extends Event {
  readonly detail: SearchDetail;
  constructor(detail: SearchDetail) {
    super('atiende-search', PUBLIC);
    this.detail = detail;
  }
}

export interface ArticleDetail {
  slug: string;
  locale: Locale;
}

/** An article is on screen. */
export class AtiendeArticleEvent extends Event {
  readonly detail: ArticleDetail;
  constructor(detail: ArticleDetail) {
    super('atiende-article', PUBLIC);
    this.detail = detail;
  }
}

export interface ContactDetail {
  message: string;
  locale: Locale;
  /** The article or search the visitor came from, for the team's context. */
  query: string;
  slug?: string;
}

/** The visitor consented and started a conversation with the team; `message` is their first message. */
export class AtiendeContactEvent extends Event {
  readonly detail: ContactDetail;
  constructor(detail: ContactDetail) {
    super('atiende-contact', PUBLIC);
    this.detail = detail;
  }
}

/** Internal: the panel's close button asks its widget to close. */
export class PanelCloseRequestEvent extends Event {
  constructor() {
    super('panel-close-request', { bubbles: true });
  }
}

/** Internal: the visitor picked another language in the panel's switch. */
export class LocaleSelectEvent extends Event {
  readonly locale: Locale;
  constructor(locale: Locale) {
    super('locale-select', { bubbles: true });
    this.locale = locale;
  }
}

declare global {
  interface HTMLElementEventMap {
    'atiende-open': AtiendeOpenEvent;
    'atiende-close': AtiendeCloseEvent;
    'atiende-search': AtiendeSearchEvent;
    'atiende-article': AtiendeArticleEvent;
    'atiende-contact': AtiendeContactEvent;
    'panel-close-request': PanelCloseRequestEvent;
    'locale-select': LocaleSelectEvent;
  }
}
