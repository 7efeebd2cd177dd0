// Live chat with the team, loaded in its own chunk only when a visitor asks for a person or comes
// back with a visitor token: "Describe your problem" (with articles that might answer it), consent,
// the conversation itself, rating, withdrawal, and a returning visitor's list of conversations.
// Everything anyone typed is rendered through Lit text bindings; links are split out by linkify().
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';

import type { SearchResult } from '../protocol/kb.ts';
import type { Locale } from '../protocol/locales.ts';
import { ApiError, KbApi } from './api.ts';
import { ChatApi, type Channel, type ChatConfig, type ChatMessage, type ConversationSummary } from './chat-api.ts';
import { ChatConnection, type AgentNotice, type OutgoingMessage } from './chat-connection.ts';
import { ChatArticleEvent, ChatBackEvent, ConversationSelectEvent, VisitorChangeEvent } from './chat-events.ts';
import { chatStyles } from './chat-styles.ts';
import { AtiendeContactEvent } from './events.ts';
import { chatStrings, type ChatStrings } from './chat-i18n.ts';
import { linkify } from './linkify.ts';
// Through the panel rather than from panel-styles.ts: the chat only ever runs inside a loaded panel, and
// this import keeps the panel and what it shares with the chat in one chunk (one request, one gzip
// stream), about 1 KB gzipped less than the extra shared chunk the bundler makes otherwise.
import { panelStyles } from './panel.ts';
import { SearchController } from './search-controller.ts';
import { forgetVisitor, readVisitor, saveVisitor, type StoredVisitor } from './visitor-token.ts';
import { identify, identifyEvent, linkedConversation } from './identity.ts';

// The panel reaches identity through this chunk, so it never becomes a chunk of its own.
export { identify, identifyEvent, linkedConversation };

type View = 'describe' | 'consent' | 'conversation' | 'solved' | 'ended';
type Busy = '' | 'deflect' | 'consent' | 'start' | 'reopen' | 'rate' | 'withdraw';

/** What the visitor searched and read in this page before asking: in memory, sent only with a conversation. */
export interface Activity {
  searches: string[];
  articles: Array<{ slug: string; title: string }>;
  /** This page load's visit id (see newVisitId): sent with searches, reads, votes and a conversation start. */
  visit?: string;
}

const MAX_URL = 2000;

/** The chat inside the panel; its parts are exported through the panel and the widget. */
@customElement('atiende-chat')
export class AtiendeChat extends LitElement {
  static styles = [panelStyles, chatStyles];

  /** Base URL of the Atiende server. */
  @property() server = '';
  /** Interface language, and the language of the consent text and the conversation. */
  @property() locale: Locale = 'en';
  /** `help` on the full-page help centre, `web` in a site's floating widget, `facebook` in a Page tab. */
  @property() channel: Channel = 'web';
  /** The Page tab's proof that the channel is facebook; sent with consent and new conversations. */
  @property() channelTicket?: string;
  /** The site's identity token: applied again once the visitor consents, for a customer who had not before. */
  @property() identityToken?: string;
  /** The page session's searches and articles, shared with the panel that collects them. */
  @property({ attribute: false }) activity: Activity = { searches: [], articles: [] };

  @state() private view: View = 'describe';
  @state() private draft = '';
  @state() private draftMissing = false;
  @state() private config: ChatConfig | undefined;
  @state() private configError: unknown;
  @state() private emailInvalid = false;
  @state() private consentChanged = false;
  @state() private busy: Busy = '';
  @state() private error: unknown;
  @state() private summary: ConversationSummary | undefined;
  @state() private composer = '';
  @state() private rating = 0;
  @state() private rated = false;
  @state() private confirmingWithdrawal = false;
  @state() private ended: 'withdrawn' | 'refused' | 'unavailable' = 'withdrawn';
  @state() private notifyInvalid = false;

  private visitor: StoredVisitor | undefined = readVisitor();
  private api = new ChatApi('');
  private kb = new KbApi('');
  private configFor: Locale | undefined;
  /** Where the visitor came from, for the public atiende-contact event. */
  private origin: { query: string; slug?: string } = { query: '' };
  /** The suggested article the visitor opened last: what "Yes, this solved it" refers to. */
  private openedSlug: string | undefined;
  private focusNext: string | undefined;
  private shown = '';
  private logVisible = false;
  private observedLog: Element | undefined;
  private observer: IntersectionObserver | undefined;

  private readonly suggestions = new SearchController<SearchResult>(
    this,
    // The problem being described is not stored: nothing about the visitor before consent.
    async (q, signal) => (await this.kb.search(q.slice(0, 200), this.locale, signal, 3, false)).results,
    () => {},
    400,
  );

  private readonly connection = new ChatConnection(this, {
    ticket: async () => {
      if (!this.visitor) return null;
      try {
        return await this.api.ticket(this.visitor.token);
      } catch (error) {
        if (isUnauthorized(error)) return null;
        throw error;
      }
    },
    socketUrl: (ticket) => this.api.socketUrl(ticket),
    onUnauthorized: () => this.tokenRefused(),
  });

  /** Shows "Describe your problem", unless a conversation is going on: then that stays on screen. */
  describe(origin: { query: string; slug?: string }): void {
    this.origin = origin;
    const status = this.currentSummary?.status;
    if (this.view === 'solved' || this.view === 'ended' || (this.view === 'conversation' && status !== 'open')) {
      this.view = 'describe';
      this.error = undefined;
    }
    this.focusView();
  }

  /** Shows one of the visitor's conversations, its whole history, live. */
  openConversation(conversation: ConversationSummary): void {
    this.showConversation(conversation);
  }

  /** A conversation link that this visitor cannot open: say so, and show nothing of it. */
  linkUnavailable(): void {
    this.ended = 'unavailable';
    this.show('ended');
  }

  /** Moves focus to what the visitor should meet first on the current view. */
  focusView(): void {
    this.focusNext = this.view === 'conversation' && this.currentSummary?.status === 'open' ? '#compose' : '#view-title';
    this.requestUpdate();
  }

  connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.markRead);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.markRead);
    this.observer?.disconnect();
    this.observedLog = undefined;
  }

  private get currentSummary(): ConversationSummary | undefined {
    return this.connection.conversation ?? this.summary;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server')) {
      this.api = new ChatApi(this.server);
      this.kb = new KbApi(this.server);
    }
    if (changed.has('locale') && this.configFor && this.configFor !== this.locale) void this.loadConfig();
  }

  protected updated(): void {
    const log = this.renderRoot.querySelector('.log') ?? undefined;
    if (log !== this.observedLog) {
      this.observer ??= new IntersectionObserver((entries) => {
        this.logVisible = entries[entries.length - 1].isIntersecting;
        this.markRead();
      });
      this.observer.disconnect();
      this.logVisible = false;
      this.observedLog = log;
      if (log) this.observer.observe(log);
    }
    // The newest is in view: the end of the log, or of the whole view once it is closed (the rating form).
    const { messages, outbox, notices } = this.connection;
    const shown = `${messages.length + outbox.length + notices.length} ${this.currentSummary?.status}`;
    if (log && shown !== this.shown) {
      const scroller = this.renderRoot.querySelector('.ended') ?? log;
      scroller.scrollTop = scroller.scrollHeight;
    }
    this.shown = shown;
    this.markRead();
    if (this.focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusNext);
      this.focusNext = undefined;
      target?.focus();
    }
  }

  render() {
    const c = chatStrings(this.locale);
    switch (this.view) {
      case 'describe':
        return this.renderDescribe(c);
      case 'consent':
        return this.renderConsent(c);
      case 'conversation':
        return this.renderConversation(c);
      case 'solved':
        return this.renderEnd(c, c.solvedTitle, c.solvedThanks);
      case 'ended':
        return this.ended === 'unavailable'
          ? this.renderEnd(c, c.chatTitle, c.errorUnavailable)
          : this.renderEnd(c, c.withdrawnTitle, this.ended === 'withdrawn' ? c.withdrawn : c.refused);
    }
  }

  private renderBack(c: ChatStrings) {
    return html`<button type="button" class="back" @click=${this.back}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 18l-6-6 6-6" /></svg>${c.back}
    </button>`;
  }

  private renderDescribe(c: ChatStrings) {
    const { status, results } = this.suggestions;
    const shown = this.draft.trim() && status !== 'error' ? results : [];
    return html`<div class="view describe">
      ${this.renderBack(c)}
      <h3 id="view-title" tabindex="-1">${c.describeTitle}</h3>
      <p>${c.describeIntro}</p>
      <label for="problem">${c.describeLabel}</label>
      <textarea
        id="problem"
        part="chat-input"
        rows="4"
        maxlength="4000"
        aria-invalid=${this.draftMissing ? 'true' : 'false'}
        aria-describedby="problem-error"
        .value=${live(this.draft)}
        @input=${this.onDraftInput}
      ></textarea>
      <p id="problem-error" part="message" class="status error" role="alert">${this.draftMissing ? c.describeRequired : ''}</p>
      ${shown.length
        ? html`<section aria-labelledby="might-title">
            <h4 id="might-title">${c.mightAnswer}</h4>
            <p class="hint">${c.suggestedNote}</p>
            <ul class="suggestions">
              ${shown.map(
                (result) => html`<li>
                  <button type="button" class="result" @click=${() => this.openSuggestion(result)}>
                    <span class="result-title">${result.title}</span>
                    <span class="result-text">${result.snippet}</span>
                  </button>
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      <div class="actions">
        ${shown.length
          ? html`<button type="button" class="secondary" ?disabled=${this.busy !== ''} @click=${this.deflect}>${c.solved}</button>`
          : nothing}
        <button type="button" class="primary" ?disabled=${this.busy !== ''} @click=${this.talkToPerson}>
          ${shown.length ? c.talkToPerson : c.talkToPersonOnly}
        </button>
      </div>
      ${this.busy === 'start' ? html`<p part="message" class="status" role="status">${c.starting}</p>` : nothing}
      ${this.renderError(c)}
    </div>`;
  }

  private renderConsent(c: ChatStrings) {
    const config = this.config;
    let content: TemplateResult;
    if (!config) {
      content = this.configError
        ? html`<p part="message" class="status error" role="alert">${errorText(c, this.configError)}</p>
            <button type="button" class="secondary" @click=${this.loadConfig}>${c.retry}</button>`
        : html`<p part="message" class="status" role="status">${c.starting}</p>`;
    } else {
      content = html`
        ${this.consentChanged ? html`<p part="message" class="status error" role="alert">${c.consentChanged}</p>` : nothing}
        ${this.renderAvailability(c, config.agentsOnline, true)}
        <p class="consent-text" id="consent-text">${config.consent.text}</p>
        <form novalidate aria-describedby="consent-text" @submit=${this.agree}>
          <div class="field">
            <label for="name">${c.nameLabel}</label>
            <input id="name" name="name" autocomplete="name" maxlength="100" />
          </div>
          <div class="field">
            <label for="email">${c.emailLabel}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              maxlength="200"
              aria-invalid=${this.emailInvalid ? 'true' : 'false'}
              aria-describedby="email-error"
            />
            <p id="email-error" part="message" class="status error" role="alert">${this.emailInvalid ? c.emailInvalid : ''}</p>
          </div>
          <div class="field check">
            <input id="notify" name="notify" type="checkbox" aria-describedby="notify-error" aria-invalid=${this.notifyInvalid ? 'true' : 'false'} />
            <label for="notify">${c.notifyLabel}</label>
            <p id="notify-error" part="message" class="status error" role="alert">${this.notifyInvalid ? c.notifyNeedsEmail : ''}</p>
          </div>
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.busy !== ''}>${c.agree}</button>
          </div>
        </form>
        ${this.busy === 'start' ? html`<p part="message" class="status" role="status">${c.starting}</p>` : nothing}
        ${this.renderError(c)}
      `;
    }
    return html`<div class="view consent">
      ${this.renderBack(c)}
      <h3 id="view-title" tabindex="-1">${c.consentTitle}</h3>
      ${content}
    </div>`;
  }

  /** Whether someone is there, and if nobody is, when to expect an answer. */
  private renderAvailability(c: ChatStrings, online: boolean | undefined, alwaysHours = false) {
    const config = this.config;
    if (online === undefined) return nothing;
    return html`<p class="presence ${online ? 'online' : ''}">
        <span class="dot" aria-hidden="true"></span>
        <span>${online ? c.someoneOnline : config ? c.nobodyOnline(config.replyWithinHours) : ''}</span>
      </p>
      ${config && (alwaysHours || !online) ? html`<p class="hours">${c.officeHours(config.officeHours)}</p>` : nothing}`;
  }

  private renderConversation(c: ChatStrings) {
    const connection = this.connection;
    const summary = this.currentSummary;
    const online = connection.agentsOnline ?? this.config?.agentsOnline;
    const loading = !connection.conversation;
    // Closed, the rating form needs the room: the whole view scrolls instead of the log alone.
    return html`<div class="conversation ${summary && summary.status !== 'open' ? 'ended' : ''}">
      <div class="head">
        ${this.renderBack(c)}
        <h3 id="view-title" tabindex="-1">${c.chatTitle}</h3>
        ${this.renderAvailability(c, online)}
      </div>
      <p part="message" class="banner" role="status" ?hidden=${connection.status !== 'reconnecting'}>
        ${connection.status === 'reconnecting' ? c.reconnecting : ''}
      </p>
      <div class="log" role="log" aria-label=${c.chatTitle} tabindex="0">
        ${loading ? html`<p part="message" class="status">${c.loadingHistory}</p>` : this.renderTimeline(c)}
      </div>
      <p class="typing" role="status">${connection.agentTyping ? c.typing(this.agentName(c)) : ''}</p>
      ${connection.error ? html`<p part="message" class="banner error" role="alert">${errorText(c, connection.error)}</p>` : nothing}
      ${summary?.status === 'open' || !summary
        ? this.renderComposer(c)
        : summary.status === 'closed'
          ? this.renderClosed(c, summary)
          : nothing}
      ${this.renderError(c)}
      ${this.visitor && summary?.status !== 'withdrawn' ? this.renderWithdraw(c) : nothing}
    </div>`;
  }

  private renderTimeline(c: ChatStrings) {
    const { messages, outbox, notices, agentReadSeq } = this.connection;
    const entries: TemplateResult[] = [];
    let next = 0;
    const notice = (n: AgentNotice) => html`<p class="notice">${c.agentJoined(n.agentName)}</p>`;
    for (const message of messages) {
      while (next < notices.length && notices[next].afterSeq < message.seq) entries.push(notice(notices[next++]));
      entries.push(this.renderMessage(c, message, message.seq <= agentReadSeq ? c.seen : c.sent));
    }
    while (next < notices.length) entries.push(notice(notices[next++]));
    for (const message of outbox) entries.push(this.renderOutgoing(c, message));
    return entries;
  }

  private renderMessage(c: ChatStrings, message: ChatMessage, delivery: string) {
    const own = message.author === 'visitor';
    const author = message.author === 'agent' ? (message.authorName ?? c.team) : message.author === 'system' ? c.automatic : c.you;
    return html`<div part="message ${own ? 'visitor-message' : 'agent-message'}" class="msg ${own ? 'own' : ''}">
      ${own ? html`<span class="visually-hidden">${author}:</span>` : html`<span class="author">${author}</span>`}
      <p class="bubble">${linkify(message.body)}</p>
      <span class="meta">${this.time(message.createdAt)}${own ? ` · ${delivery}` : ''}</span>
      ${message.offer
        ? html`<span class="meta"><button type="button" class="link" @click=${() => (this.connection.answer(message, true), this.show('solved'))}>${c.solved}</button>
            <button type="button" class="link" @click=${() => this.connection.answer(message, false)}>${c.talkToPerson}</button></span>`
        : ''}
    </div>`;
  }

  private renderOutgoing(c: ChatStrings, message: OutgoingMessage) {
    const failed = message.state === 'failed';
    const reason =
      message.error === 'ATIENDE_ERR_TOO_LONG' ? c.errorTooLong
      : message.error === 'ATIENDE_ERR_CONVERSATION_CLOSED' ? c.errorClosed
      : message.error === 'ATIENDE_ERR_RATE_LIMITED' ? c.errorRateLimited
      : '';
    return html`<div part="message visitor-message" class="msg own">
      <span class="visually-hidden">${c.you}:</span>
      <p class="bubble">${linkify(message.body)}</p>
      ${failed
        ? html`<span class="meta error" role="alert">
            <span>${c.failed}${reason ? ` · ${reason}` : ''}</span>
            <button type="button" class="link" @click=${() => this.connection.retry(message.clientId)}>${c.retry}</button>
          </span>`
        : html`<span class="meta">${c.sending}</span>`}
    </div>`;
  }

  private renderComposer(c: ChatStrings) {
    return html`<form class="composer" @submit=${this.sendMessage}>
      <label for="compose" class="visually-hidden">${c.messageLabel}</label>
      <textarea
        id="compose"
        part="chat-input"
        rows="1"
        maxlength="4000"
        placeholder=${c.messageLabel}
        .value=${live(this.composer)}
        @input=${this.onComposerInput}
        @keydown=${this.onComposerKeydown}
      ></textarea>
      <button type="submit" class="primary send" aria-label=${c.send}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12h13M13 6l6 6-6 6" /></svg>
      </button>
    </form>`;
  }

  private renderClosed(c: ChatStrings, summary: ConversationSummary) {
    const ask = !this.rated && summary.rating === null;
    return html`<div class="box">
      <p><strong>${c.closed}</strong></p>
      ${ask
        ? html`<form @submit=${this.rate}>
            <fieldset>
              <legend>${c.rateLegend}</legend>
              <div class="stars">
                ${[1, 2, 3, 4, 5].map(
                  (n) => html`<input
                      type="radio"
                      id="rating-${n}"
                      name="rating"
                      .checked=${live(this.rating === n)}
                      @change=${() => (this.rating = n)}
                    /><label for="rating-${n}" class=${n <= this.rating ? 'on' : ''}>
                      <span aria-hidden="true">★</span><span class="visually-hidden">${c.rateValue(n)}</span>
                    </label>`,
                )}
              </div>
            </fieldset>
            <label for="comment">${c.commentLabel}</label>
            <textarea id="comment" name="comment" rows="2" maxlength="1000"></textarea>
            <button type="submit" class="primary" ?disabled=${!this.rating || this.busy !== ''}>${c.sendRating}</button>
          </form>`
        : this.rated
          ? html`<p part="message" class="status" role="status">${c.rated}</p>`
          : nothing}
      <div class="actions">
        <button type="button" class="secondary" ?disabled=${this.busy !== ''} @click=${this.reopen}>${c.reopen}</button>
      </div>
    </div>`;
  }

  private renderWithdraw(c: ChatStrings) {
    if (!this.confirmingWithdrawal) {
      return html`<div class="foot">
        <button type="button" class="link" @click=${this.askWithdrawal}>${c.withdraw}</button>
      </div>`;
    }
    return html`<div class="box" role="group" aria-labelledby="withdraw-question">
      <p id="withdraw-question">${c.withdrawConfirm}</p>
      <div class="actions">
        <button type="button" class="primary danger" ?disabled=${this.busy !== ''} @click=${this.withdraw}>${c.withdrawYes}</button>
        <button type="button" id="withdraw-cancel" class="secondary" @click=${this.cancelWithdrawal}>${c.cancel}</button>
      </div>
    </div>`;
  }

  private renderEnd(c: ChatStrings, title: string, text: string) {
    return html`<div class="view">
      <h3 id="view-title" tabindex="-1">${title}</h3>
      <p part="message" role="status">${text}</p>
      <button type="button" class="secondary" @click=${this.back}>${c.backToHelp}</button>
    </div>`;
  }

  private renderError(c: ChatStrings) {
    return this.error ? html`<p part="message" class="status error" role="alert">${errorText(c, this.error)}</p>` : nothing;
  }


  private agentName(c: ChatStrings): string {
    const { messages, notices } = this.connection;
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i].authorName) return messages[i].authorName!;
    return notices.length ? notices[notices.length - 1].agentName : c.team;
  }

  private time(millis: number): string {
    const date = new Date(millis);
    const today = date.toDateString() === new Date().toDateString();
    return new Intl.DateTimeFormat(this.locale, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  // ---- Describe ---------------------------------------------------------------------------------

  private onDraftInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    if (this.draft.trim()) this.draftMissing = false;
    this.suggestions.schedule(this.draft);
  }

  private openSuggestion(result: SearchResult): void {
    this.openedSlug = result.slug;
    this.dispatchEvent(new ChatArticleEvent(result.slug, result.locale));
  }

  private async deflect(): Promise<void> {
    const slug = this.openedSlug ?? this.suggestions.results[0]?.slug;
    this.busy = 'deflect';
    this.error = undefined;
    try {
      await this.api.deflect(this.locale, slug, this.activity.visit);
      this.draft = '';
      this.suggestions.reset();
      this.show('solved');
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = '';
    }
  }

  private talkToPerson(): void {
    if (!this.draft.trim()) {
      this.draftMissing = true;
      this.focusNext = '#problem';
      return;
    }
    this.error = undefined;
    if (this.visitor) {
      void this.start();
    } else {
      this.show('consent');
      if (this.configFor !== this.locale) void this.loadConfig();
    }
  }

  // ---- Consent and start -------------------------------------------------------------------------

  private async loadConfig(): Promise<void> {
    const locale = this.locale;
    this.configError = undefined;
    try {
      const config = await this.api.config(locale);
      if (locale !== this.locale) return;
      this.config = config;
      this.configFor = locale;
    } catch (error) {
      if (locale === this.locale) this.configError = error;
    }
  }

  private async agree(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const emailInput = form.elements.namedItem('email') as HTMLInputElement;
    const email = emailInput.value.trim();
    this.emailInvalid = email !== '' && !emailInput.validity.valid;
    if (this.emailInvalid) return emailInput.focus();
    const notifyByEmail = (form.elements.namedItem('notify') as HTMLInputElement).checked;
    this.notifyInvalid = notifyByEmail && !email;
    if (this.notifyInvalid) return emailInput.focus();
    const config = this.config;
    if (!config || this.busy) return;
    this.busy = 'consent';
    this.error = undefined;
    this.consentChanged = false;
    try {
      const granted = await this.api.consent({
        locale: this.locale,
        channel: this.channel,
        pageUrl: location.href.slice(0, MAX_URL),
        purpose: 'support_chat',
        consentVersion: config.consent.version,
        consentHash: config.consent.hash,
        ...(name ? { name } : {}),
        ...(email ? { email } : {}),
        ...(notifyByEmail ? { notifyByEmail } : {}),
        ...(this.channelTicket ? { channelTicket: this.channelTicket } : {}),
      });
      // Consent is recorded: only now does anything about the visitor stay in this browser.
      this.visitor = { token: granted.visitorToken, visitorId: granted.visitorId };
      saveVisitor(this.visitor);
      // A signed-in customer who consents here joins their history from now on.
      if (this.identityToken) this.dispatchEvent(identifyEvent(await identify(this.server, this.identityToken, this.locale)));
      this.dispatchEvent(new VisitorChangeEvent());
    } catch (error) {
      this.busy = '';
      if (error instanceof ApiError && error.code === 'ATIENDE_ERR_CONSENT_CHANGED') {
        this.consentChanged = true;
        await this.loadConfig();
        this.focusNext = '#view-title';
      } else {
        this.error = error;
      }
      return;
    }
    await this.start();
  }

  private async start(): Promise<void> {
    const visitor = this.visitor;
    if (!visitor) return;
    this.busy = 'start';
    this.error = undefined;
    let conversation: ConversationSummary;
    try {
      conversation = await this.api.start(visitor.token, this.locale, this.channel, {
        searches: this.activity.searches.slice(-20),
        articles: this.activity.articles.slice(-20),
        pageUrl: location.href.slice(0, MAX_URL),
      }, this.channelTicket, this.activity.visit);
    } catch (error) {
      this.busy = '';
      if (isUnauthorized(error)) {
        // The token was withdrawn elsewhere: forget it and ask for consent again.
        this.forget();
        this.show('consent');
        void this.loadConfig();
      } else {
        this.error = error;
      }
      return;
    }
    this.busy = '';
    const first = this.draft.trim();
    this.draft = '';
    this.suggestions.reset();
    this.showConversation(conversation);
    this.connection.send(first);
    this.dispatchEvent(new AtiendeContactEvent({ message: first, locale: this.locale, ...this.origin }));
  }

  // ---- Conversation ----------------------------------------------------------------------------------

  private showConversation(conversation: ConversationSummary): void {
    this.summary = conversation;
    this.rated = false;
    this.rating = 0;
    this.confirmingWithdrawal = false;
    this.error = undefined;
    this.view = 'conversation';
    this.connection.follow(conversation.id);
    if (this.configFor !== this.locale) void this.loadConfig();
    this.focusView();
  }

  private onComposerInput(event: InputEvent): void {
    this.composer = (event.target as HTMLTextAreaElement).value;
    this.connection.typing(this.composer.trim() !== '');
  }

  /** Enter sends, Shift+Enter starts a new line. */
  private onComposerKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.sendMessage();
  }

  private sendMessage(event?: SubmitEvent): void {
    event?.preventDefault();
    const body = this.composer.trim();
    if (!body) return;
    this.connection.send(body);
    this.composer = '';
  }

  /** Everything the visitor can see is read: tell the agent, once per new agent message. */
  private readonly markRead = (): void => {
    if (this.view !== 'conversation' || !this.logVisible || document.visibilityState !== 'visible') return;
    let seq = 0;
    for (const message of this.connection.messages) if (message.author !== 'visitor') seq = message.seq;
    if (seq) this.connection.read(seq);
  };

  private async rate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const summary = this.currentSummary;
    if (!summary || !this.visitor || !this.rating) return;
    const comment = (new FormData(event.target as HTMLFormElement).get('comment') ?? '').toString().trim();
    this.busy = 'rate';
    this.error = undefined;
    try {
      await this.api.rate(this.visitor.token, summary.id, this.rating, comment);
      this.rated = true;
    } catch (error) {
      this.failed(error);
    } finally {
      this.busy = '';
    }
  }

  private async reopen(): Promise<void> {
    const summary = this.currentSummary;
    if (!summary || !this.visitor) return;
    this.busy = 'reopen';
    this.error = undefined;
    try {
      const reopened = await this.api.reopen(this.visitor.token, summary.id);
      this.summary = reopened;
      this.connection.conversation = reopened;
      this.focusNext = '#compose';
    } catch (error) {
      this.failed(error);
    } finally {
      this.busy = '';
    }
  }

  private askWithdrawal(): void {
    this.confirmingWithdrawal = true;
    this.focusNext = '#withdraw-cancel';
  }

  private cancelWithdrawal(): void {
    this.confirmingWithdrawal = false;
  }

  private async withdraw(): Promise<void> {
    const visitor = this.visitor;
    if (!visitor) return;
    this.busy = 'withdraw';
    this.error = undefined;
    try {
      await this.api.withdraw(visitor.token, location.href.slice(0, MAX_URL));
    } catch (error) {
      // A refused token means it was withdrawn already; anything else, and nothing changed.
      if (!isUnauthorized(error)) {
        this.busy = '';
        this.error = error;
        return;
      }
    }
    this.busy = '';
    this.confirmingWithdrawal = false;
    this.forget();
    this.ended = 'withdrawn';
    this.show('ended');
  }

  // ---- Shared ----------------------------------------------------------------------------------------

  private show(view: View): void {
    this.view = view;
    this.focusNext = '#view-title';
  }

  private back(): void {
    this.confirmingWithdrawal = false;
    if (this.view === 'consent') {
      this.show('describe');
      return;
    }
    if (this.view !== 'conversation' && this.view !== 'describe') this.view = 'describe';
    this.dispatchEvent(new ChatBackEvent());
  }

  private failed(error: unknown): void {
    if (isUnauthorized(error)) this.tokenRefused();
    else this.error = error;
  }

  /** The server no longer accepts the token: forget it, and say so instead of going blank. */
  private tokenRefused(): void {
    this.forget();
    if (this.view === 'conversation') {
      this.ended = 'refused';
      this.show('ended');
    }
  }

  private forget(): void {
    forgetVisitor();
    this.visitor = undefined;
    this.connection.stop();
    this.dispatchEvent(new VisitorChangeEvent());
  }
}

/**
 * A returning visitor's conversations, shown above the help search: open one to read it, continue it,
 * or reopen it. Renders nothing for a visitor without a token or without conversations.
 */
@customElement('atiende-conversations')
export class AtiendeConversations extends LitElement {
  static styles = [panelStyles, chatStyles];

  /** Base URL of the Atiende server. */
  @property() server = '';
  /** Interface language. */
  @property() locale: Locale = 'en';

  @state() private conversations: ConversationSummary[] = [];
  @state() private error: unknown;

  /** Reads the list again (after a conversation, or when the panel shows the search again). */
  async refresh(): Promise<void> {
    const visitor = readVisitor();
    if (!visitor) {
      this.conversations = [];
      return;
    }
    try {
      this.conversations = await new ChatApi(this.server).list(visitor.token);
      this.error = undefined;
    } catch (error) {
      if (isUnauthorized(error)) {
        forgetVisitor();
        this.conversations = [];
        this.dispatchEvent(new VisitorChangeEvent());
      } else {
        this.error = error;
      }
    }
  }

  protected firstUpdated(): void {
    void this.refresh();
  }

  render() {
    const c = chatStrings(this.locale);
    if (this.error) {
      return html`<div class="conversations">
        <p part="message" class="status error" role="alert">${errorText(c, this.error)}</p>
        <button type="button" class="secondary" @click=${this.refresh}>${c.retry}</button>
      </div>`;
    }
    if (!this.conversations.length) return nothing;
    const status = { open: c.statusOpen, closed: c.statusClosed, withdrawn: c.statusWithdrawn };
    const when = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<section class="conversations" aria-labelledby="conversations-title">
      <h3 id="conversations-title" class="list-label">${c.yourConversations}</h3>
      <ul>
        ${this.conversations.slice(0, 3).map((conversation) => {
          const last = conversation.lastMessage;
          const who = last?.author === 'visitor' ? c.you : last?.author === 'agent' ? c.team : c.automatic;
          return html`<li>
            <button type="button" class="result item" @click=${() => this.dispatchEvent(new ConversationSelectEvent(conversation))}>
              <span class="badge ${conversation.status}">${status[conversation.status]}</span>
              <span class="hint">${when.format(new Date(conversation.updatedAt))}</span>
              <span class="last">${last ? `${who}: ${last.body}` : ''}</span>
            </button>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * A visible sentence for any failure, in the visitor's language: an HTTP error, or an error frame not
 * about one message. A refusal without a sentence of its own carries the server's reason.
 */
function errorText(c: ChatStrings, error: unknown): string {
  const { code = '', message = '', status = 400, kind = '' } = (error ?? {}) as Partial<ApiError>;
  if (kind === 'network') return c.errorNetwork;
  if (code === 'ATIENDE_ERR_RATE_LIMITED' || status === 429) return c.errorRateLimited;
  if (code === 'ATIENDE_ERR_CONFLICT') return c.errorOtherOpen;
  if (code === 'ATIENDE_ERR_NOT_FOUND' || code === 'ATIENDE_ERR_BLOCKED') return c.errorUnavailable;
  if (code === 'ATIENDE_ERR_CONVERSATION_CLOSED') return c.errorClosed;
  return code && status < 500 ? c.errorRefused(message) : c.errorServer;
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-chat': AtiendeChat;
    'atiende-conversations': AtiendeConversations;
  }
}
