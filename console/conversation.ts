import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';

import type { ChatMessage, ConversationSummary, ServerFrame } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import { ApiError, type Agent, type ConsoleApi, type ConversationContext, type VisitorProfile } from './api.ts';
import type { ConsoleConnection } from './connection.ts';
import type { ServerFrameEvent } from './events.ts';
import { clockTime, messageText, safeHttpUrl } from './format.ts';
import { strings, type Strings } from './i18n.ts';
import { base } from './styles.ts';
import './assignment-panel.ts';
import './notes-panel.ts';
import { noteStrings } from './i18n-notes.ts';
import type { ReplyInsertEvent } from './reply-tools.ts';
import './reply-tools.ts';

/** protocol/chat.ts MAX_MESSAGE_LENGTH (kept here so TypeBox stays out of the bundle). */
const MAX_MESSAGE_LENGTH = 4000;
/** A message not acknowledged this long after it went out on an open socket is shown as failed. */
const ACK_TIMEOUT_MS = 10_000;
/** Stop sending "typing" this long after the last keystroke. */
const TYPING_IDLE_MS = 3_000;
/** Hide the visitor's "typing" if their "stopped" never comes (their socket dropped). */
const TYPING_STALE_MS = 10_000;

type Delivery = 'sending' | 'sent' | 'failed' | 'review' | 'rejected';

/** A message on screen: committed ones have a seq; the agent's own carry their delivery state. */
interface Line extends Omit<ChatMessage, 'seq'> {
  seq?: number;
  delivery?: Delivery;
}

/** A client id the server accepts (8 to 64 of A-Z a-z 0-9 _ -), random in any context, secure or not. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `a${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * One conversation: its history, what the visitor searched and read before asking, a reply box with
 * delivery states (sending, sent, seen, not sent with retry), typing indicators both ways, read
 * receipts, and closing. Every message is rendered as text.
 *
 * It reads the history over HTTP, then joins the conversation on the console socket with the last
 * sequence number it has, and joins again after every reconnection, so nothing is missed or doubled.
 *
 * @summary The conversation an agent is answering.
 */
@customElement('atiende-conversation')
export class AtiendeConversation extends LitElement {
  static styles = [
    base,
    css`
      :host { display: flex; min-height: 0; min-width: 0; }
      section { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; }
      .state { margin: auto; padding: 40px; color: var(--console-muted); text-align: center; display: grid; gap: 14px; justify-items: center; }
      .head {
        display: flex; align-items: center; gap: 14px; padding: 14px 24px;
        background: var(--console-surface); border-bottom: 1px solid var(--console-border);
      }
      .head { flex-wrap: wrap; }
      .link-note { margin: 8px 24px 0; background: var(--console-surface); border: 1px solid var(--console-border); }
      .link-note input { display: block; box-sizing: border-box; width: 100%; margin-top: 4px; font: inherit; }
      .back {
        display: none; place-items: center; width: 36px; height: 36px; border-radius: 8px;
        border: 1px solid var(--console-border); color: var(--console-text);
      }
      .who { flex: 1 1 160px; min-width: 0; display: grid; gap: 2px; }
      h2 { font-size: 1.125rem; font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .meta { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font-size: 0.875rem; color: var(--console-muted); }
      .badge { padding: 1px 8px; border-radius: 10px; font-size: 0.75rem; font-weight: 700; }
      .badge.open { background: #dcfae6; color: var(--console-success); }
      .badge.closed, .badge.withdrawn { background: #eef0f3; color: #475467; }
      .columns { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 300px; min-height: 0; }
      .thread { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
      .log { flex: 1; overflow-y: auto; padding: 20px 24px 8px; }
      .log:focus-visible { outline-offset: -3px; }
      ol { margin: 0; padding: 0; list-style: none; display: grid; gap: 14px; }
      .message { display: grid; justify-items: start; gap: 4px; max-width: 78%; }
      .message.agent { justify-self: end; justify-items: end; }
      .message.system { justify-self: center; justify-items: center; max-width: 90%; }
      .author { display: flex; gap: 8px; align-items: baseline; font-size: 0.8125rem; color: var(--console-muted); }
      .author strong { color: var(--console-text); font-weight: 600; }
      .bubble {
        padding: 10px 14px; border-radius: 14px; line-height: 1.45;
        white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
      }
      .visitor .bubble { background: var(--console-surface); border: 1px solid var(--console-border); border-top-left-radius: 4px; }
      .agent .bubble { background: var(--console-accent); color: var(--console-accent-text); border-top-right-radius: 4px; }
      .agent .bubble a { color: inherit; }
      .agent.sending .bubble { opacity: 0.75; }
      .agent.failed .bubble { background: var(--console-danger-soft); color: var(--console-text); border: 1px solid #f6d2ce; }
      .system .bubble { background: #eef0f3; color: var(--console-muted); font-size: 0.875rem; }
      .delivery { display: flex; align-items: center; gap: 8px; font-size: 0.75rem; color: var(--console-muted); }
      .delivery.failed { color: var(--console-danger); font-weight: 600; }
      .delivery button {
        border: 0; padding: 2px 6px; border-radius: 6px; background: transparent;
        color: var(--console-accent); font-weight: 600; text-decoration: underline;
      }
      .typing { min-height: 28px; padding: 4px 24px; font-size: 0.8125rem; color: var(--console-muted); font-style: italic; }
      .ended { margin: 0 24px 16px; }
      form { padding: 0 24px 20px; }
      .composer {
        display: flex; align-items: flex-end; gap: 10px; padding: 8px 8px 8px 14px;
        border: 1px solid #c5ccd8; border-radius: 12px; background: var(--console-surface);
      }
      .composer:focus-within { border-color: var(--console-accent); box-shadow: 0 0 0 3px rgb(29 78 216 / 0.15); }
      textarea {
        flex: 1; min-height: 44px; max-height: 200px; padding: 10px 0; border: 0; resize: none;
        background: transparent; line-height: 1.45; field-sizing: content;
      }
      textarea:focus-visible { outline: none; }
      .composer-note { margin-top: 6px; font-size: 0.8125rem; color: var(--console-danger); }
      aside { border-left: 1px solid var(--console-border); background: var(--console-surface); overflow-y: auto; }
      summary {
        display: flex; align-items: center; justify-content: space-between; gap: 8px;
        padding: 18px 20px 0; cursor: pointer; list-style: none;
      }
      summary::-webkit-details-marker { display: none; }
      summary::after {
        content: ''; width: 7px; height: 7px; margin-right: 4px;
        border-right: 2px solid var(--console-muted); border-bottom: 2px solid var(--console-muted);
        transform: rotate(45deg); transition: transform 0.15s;
      }
      details[open] summary::after { transform: rotate(-135deg); }
      details:not([open]) summary { padding-bottom: 16px; }
      summary:focus-visible { outline-offset: -2px; }
      .context { display: grid; align-content: start; gap: 18px; padding: 16px 20px 20px; }
      h3 { font-size: 0.9375rem; font-weight: 700; }
      h4 { margin: 0 0 8px; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: var(--console-muted); }
      .chips { display: flex; flex-wrap: wrap; gap: 6px; }
      .chips li {
        padding: 3px 10px; border-radius: 14px; background: #eef2f8; border: 1px solid #dfe5ee;
        font-size: 0.875rem; overflow-wrap: anywhere;
      }
      .articles { display: grid; gap: 6px; font-size: 0.875rem; }
      .page { font-size: 0.875rem; overflow-wrap: anywhere; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; font-size: 0.875rem; }
      dt { color: var(--console-muted); }
      dd { overflow-wrap: anywhere; }
      .empty { font-size: 0.875rem; color: var(--console-muted); }
      @media (max-width: 1100px) {
        .columns { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); }
        aside { order: -1; border-left: 0; border-bottom: 1px solid var(--console-border); max-height: 40vh; }
        summary { padding: 12px 24px 0; }
        details:not([open]) summary { padding-bottom: 12px; }
        .context { grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); padding: 12px 24px 16px; }
      }
      @media (max-width: 760px) {
        .back { display: inline-grid; }
        .head { padding: 12px 16px; }
        .log, .typing, form { padding-left: 16px; padding-right: 16px; }
        .ended { margin: 0 16px 16px; }
        summary { padding-left: 16px; padding-right: 16px; }
        .context { padding-left: 16px; padding-right: 16px; }
      }
      .block-form { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 20px 0; }
      .block-form input { flex: 1; min-width: 12em; }
    `,
  ];

  /** Interface language. */
  @property() locale: Locale = 'es';
  /** The conversation to show. */
  @property() conversationId = '';
  /** The signed-in agent, whose own messages carry delivery states. */
  @property({ attribute: false }) agent?: Agent;
  /** The console socket, shared with the inbox. */
  @property({ attribute: false }) connection!: ConsoleConnection;
  /** The HTTP client. */
  @property({ attribute: false }) api!: ConsoleApi;
  /** Whether the console socket is open: closing needs it (replies wait for it instead). */
  @property({ type: Boolean }) connected = false;

  @state() private load: 'loading' | 'ready' | 'not-found' | 'error' = 'loading';
  @state() private summary?: ConversationSummary;
  @state() private visitor: VisitorProfile = { name: null, email: null };
  @state() private context: ConversationContext | null = null;
  @state() private link = '';
  /** After "Copy link": copied, or the clipboard refused and the link is shown to copy by hand. */
  @state() private linkState: '' | 'copied' | 'shown' = '';
  @state() private lines: Line[] = [];
  @state() private visitorTyping = false;
  /** The visitor has seen everything up to this seq. */
  @state() private seenSeq = 0;
  @state() private closing = false;
  @state() private vipState: '' | 'saving' | 'failed' = '';
  /** The block form: hidden, open, sending, done or failed. */
  @state() private blockState: '' | 'open' | 'saving' | 'done' | 'failed' = '';
  @state() private draftTooLong = false;
  /** The context starts open beside the thread on wide screens, folded above it on narrow ones. */
  @state() private contextOpen = matchMedia('(min-width: 1101px)').matches;

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('.log') private log?: HTMLElement;

  private loading: AbortController | undefined;
  private ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private visitorTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readSent = 0;
  private stickToBottom = true;

  /** Focuses the reply box, or the heading when the conversation cannot be answered. */
  focusReply(): void {
    (this.textarea ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.connection.addEventListener('server-frame', this.onFrame);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection.removeEventListener('server-frame', this.onFrame);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopTyping();
    this.loading?.abort();
    for (const timer of this.ackTimers.values()) clearTimeout(timer);
    this.ackTimers.clear();
    clearTimeout(this.visitorTypingTimer);
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && this.conversationId) void this.open();
  }

  protected updated(changed: PropertyValues): void {
    if (changed.has('lines') || changed.has('visitorTyping')) {
      if (this.stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
      this.markRead();
    }
  }

  render() {
    const t = strings(this.locale);
    if (this.load !== 'ready' || !this.summary) {
      const text = this.load === 'loading' ? t.loadingConversation : this.load === 'not-found' ? t.notFound : t.conversationFailed;
      return html`<section aria-label=${t.messages}>
        <div class="state">
          <p role=${this.load === 'loading' ? 'status' : 'alert'}>${text}</p>
          ${this.load === 'error' ? html`<button type="button" class="secondary" @click=${this.open}>${t.retry}</button>` : nothing}
          ${this.load === 'not-found' ? html`<a href="#/">${t.backToInbox}</a>` : nothing}
        </div>
      </section>`;
    }
    const summary = this.summary;
    const name = this.visitor.name || t.visitor;
    const open = summary.status === 'open';
    return html`<section aria-labelledby="conversation-title">
      <div class="head">
        <a class="back" href="#/" aria-label=${t.backToInbox} title=${t.backToInbox}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 18l-6-6 6-6" /></svg>
        </a>
        <div class="who">
          <h2 id="conversation-title" tabindex="-1">${name}</h2>
          <p class="meta">
            <span class="badge ${summary.status}">${statusText(t, summary.status)}</span>
            ${this.visitor.email ? html`<span>${this.visitor.email}</span>` : nothing}
          </p>
        </div>
        <button type="button" class="secondary vip" aria-pressed=${summary.vip ? 'true' : 'false'} ?disabled=${this.vipState === 'saving'}
          @click=${this.toggleVip}>${summary.vip ? t.unmarkVip : t.markVip}</button>
        <button type="button" class="secondary" @click=${this.copyLink}>${t.copyLink}</button>
        <button type="button" class="secondary block" aria-expanded=${this.blockState === 'open' || this.blockState === 'saving' || this.blockState === 'failed' ? 'true' : 'false'}
          ?disabled=${this.blockState === 'done'} @click=${() => (this.blockState = 'open')}>${t.block}</button>
        ${open
          ? html`<button type="button" class="danger" ?disabled=${this.closing || !this.connected} @click=${this.closeConversation}>
              ${this.closing ? t.closing : t.closeConversation}
            </button>`
          : nothing}
      </div>
      ${this.renderBlock(t)}
      ${this.vipState === 'failed' ? html`<p class="notice warning" role="alert">${t.vipFailed}</p>` : nothing}
      ${this.linkState === 'copied' ? html`<p class="notice link-note" role="status">${t.linkCopied}</p>` : nothing}
      ${this.linkState === 'shown'
        ? html`<p class="notice link-note">
            <label for="conversation-link">${t.linkLabel}</label>
            <input id="conversation-link" readonly .value=${this.link} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
          </p>`
        : nothing}
      <div class="columns">
        <div class="thread">
          <div class="log" role="log" aria-label=${t.messages} tabindex="0" @scroll=${this.onScroll}>
            <ol>
              ${repeat(this.lines, (line) => `${line.author}:${line.clientId}`, (line) => this.renderLine(line, t, name))}
            </ol>
          </div>
          <p class="typing" role="status">${this.visitorTyping && open ? t.visitorTyping(name) : ''}</p>
          ${open
            ? html`<atiende-reply-tools .locale=${this.locale} .conversationLocale=${summary.locale} .api=${this.api}
                .values=${{ name: this.visitor.name, email: this.visitor.email, agent: this.agent?.name }} @reply-insert=${this.onReplyInsert}></atiende-reply-tools>
              <form @submit=${this.onSubmit}>
                <div class="composer">
                  <label class="visually-hidden" for="reply">${t.reply}</label>
                  <textarea
                    id="reply"
                    rows="1"
                    maxlength=${MAX_MESSAGE_LENGTH}
                    placeholder=${t.replyPlaceholder}
                    aria-describedby=${this.draftTooLong ? 'reply-note' : nothing}
                    @input=${this.onInput}
                    @keydown=${this.onKeydown}
                    @blur=${this.stopTyping}
                  ></textarea>
                  <button type="submit" class="primary">${t.send}</button>
                </div>
                ${this.draftTooLong ? html`<p id="reply-note" class="composer-note">${t.tooLong(MAX_MESSAGE_LENGTH)}</p>` : nothing}
              </form>`
            : html`<p class="notice warning ended" role="status">${summary.status === 'withdrawn' ? t.withdrawnNotice : t.closedNotice}</p>`}
        </div>
        ${this.renderContext(t, summary)}
      </div>
    </section>`;
  }

  private renderBlock(t: Strings) {
    if (this.blockState === 'done') return html`<p class="notice warning" role="status">${t.blocked}</p>`;
    if (!this.blockState) return nothing;
    return html`<form class="notice block-form" @submit=${this.submitBlock}>
      <label for="block-reason">${t.blockReason}</label>
      <input id="block-reason" name="reason" required maxlength="500" />
      <button type="submit" class="danger" ?disabled=${this.blockState === 'saving'}>${t.confirmBlock}</button>
      <button type="button" class="secondary" @click=${() => (this.blockState = '')}>${t.cancel}</button>
      ${this.blockState === 'failed' ? html`<p role="alert">${t.actionFailed}</p>` : nothing}
    </form>`;
  }

  private async submitBlock(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = new FormData(event.target as HTMLFormElement).get('reason')?.toString().trim();
    if (!reason) return;
    this.blockState = 'saving';
    try {
      await this.api.block(this.conversationId, reason);
      this.blockState = 'done';
    } catch {
      this.blockState = 'failed';
    }
  }

  private async toggleVip(): Promise<void> {
    if (!this.summary) return;
    this.vipState = 'saving';
    try {
      this.summary = await this.api.setVip(this.conversationId, !this.summary.vip);
      this.vipState = '';
    } catch {
      this.vipState = 'failed';
    }
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.link);
      this.linkState = 'copied';
    } catch {
      // No clipboard (an insecure origin, or permission refused): the agent copies it by hand.
      this.linkState = 'shown';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#conversation-link')?.focus();
    }
  }

  private renderLine(line: Line, t: Strings, visitorName: string) {
    const author = line.author === 'visitor' ? visitorName : line.author === 'agent' ? line.authorName || t.agentFallback : t.system;
    const lastAgentSeq = lastOf(this.lines, (l) => l.author === 'agent' && l.seq !== undefined)?.seq;
    let delivery: unknown = nothing;
    if (line.delivery === 'sending') delivery = html`<p class="delivery">${t.sending}</p>`;
    else if (line.delivery === 'review' || line.delivery === 'rejected') {
      const n = noteStrings(this.locale);
      delivery = html`<p class="delivery ${line.delivery === 'rejected' ? 'failed' : ''}" data-review=${line.delivery}>${line.delivery === 'review' ? n.waitingReview : n.rejected}</p>`;
    }
    else if (line.delivery === 'failed') {
      delivery = html`<p class="delivery failed">
        ${t.failed}
        <button type="button" @click=${() => this.transmit(line)}>${t.retrySend}</button>
      </p>`;
    } else if (line.author === 'agent' && line.seq !== undefined && line.seq === lastAgentSeq) {
      delivery = html`<p class="delivery">${line.seq <= this.seenSeq ? t.seen : t.sent}</p>`;
    }
    return html`<li class="message ${line.author} ${line.delivery ?? ''}" data-seq=${line.seq ?? nothing}>
      <p class="author"><strong>${author}</strong><time datetime=${new Date(line.createdAt).toISOString()}>${clockTime(line.createdAt, this.locale)}</time></p>
      <p class="bubble">${messageText(line.body)}</p>
      ${delivery}
    </li>`;
  }

  private renderContext(t: Strings, summary: ConversationSummary) {
    const context = this.context;
    const page = context?.pageUrl ? safeHttpUrl(context.pageUrl) : undefined;
    return html`<aside aria-labelledby="context-title">
      <details ?open=${this.contextOpen} @toggle=${this.onContextToggle}>
      <summary><h3 id="context-title">${t.context}</h3></summary>
      <div class="context">
      ${context
        ? html`<div>
              <h4>${t.searched}</h4>
              ${context.searches.length
                ? html`<ul class="chips">${context.searches.map((q) => html`<li>${q}</li>`)}</ul>`
                : html`<p class="empty">${t.nothingSearched}</p>`}
            </div>
            <div>
              <h4>${t.viewed}</h4>
              ${context.articles.length
                ? html`<ul class="articles">
                    ${context.articles.map(
                      (a) => html`<li><a href=${articleHref(summary.locale, a.slug)} target="_blank" rel="noopener">${a.title || a.slug}</a></li>`,
                    )}
                  </ul>`
                : html`<p class="empty">${t.nothingViewed}</p>`}
            </div>
            <div>
              <h4>${t.cameFrom}</h4>
              <p class="page">
                ${page
                  ? html`<a href=${page} target="_blank" rel="noopener noreferrer nofollow">${context.pageUrl}</a>`
                  : context.pageUrl || '—'}
              </p>
            </div>`
        : html`<p class="empty">${t.noContext}</p>`}
      <dl>
        <dt>${t.startedAt}</dt>
        <dd>${clockTime(summary.createdAt, this.locale)}</dd>
        <dt>${t.channel}</dt>
        <dd>${t.channels[summary.channel] ?? summary.channel}</dd>
        <dt>${t.languageOf}</dt>
        <dd>${t.languages[summary.locale] ?? summary.locale}</dd>
      </dl>
      <atiende-assignment .locale=${this.locale} .api=${this.api} .conversationId=${this.conversationId} .agentId=${this.agent?.id ?? ''}
        .summary=${summary} ?open=${summary.status === 'open'}></atiende-assignment>
      <atiende-notes .locale=${this.locale} .api=${this.api} .connection=${this.connection} .conversationId=${this.conversationId}></atiende-notes>
      </div>
      </details>
    </aside>`;
  }

  // ---- loading and following ------------------------------------------------------------------

  private async open(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    for (const timer of this.ackTimers.values()) clearTimeout(timer);
    this.ackTimers.clear();
    this.load = 'loading';
    this.summary = undefined;
    this.lines = [];
    this.seenSeq = 0;
    this.readSent = 0;
    this.visitorTyping = false;
    this.closing = false;
    this.stickToBottom = true;
    try {
      const detail = await this.api.conversation(this.conversationId, controller.signal);
      if (controller.signal.aborted) return;
      this.summary = detail.conversation;
      this.visitor = detail.visitor;
      this.context = detail.context;
      this.link = detail.link;
      this.linkState = '';
      this.merge(detail.messages);
      this.load = 'ready';
      this.join();
      await this.updateComplete;
      this.focusReply();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.load = error instanceof ApiError && error.status === 404 ? 'not-found' : 'error';
    }
  }

  /** Follow the conversation from the last message we have; the server sends anything newer. */
  private join(): void {
    const afterSeq = this.lines.reduce((max, l) => Math.max(max, l.seq ?? 0), 0);
    this.connection.send({ type: 'join', conversationId: this.conversationId, afterSeq });
  }

  private onFrame = (event: Event): void => {
    const frame = (event as ServerFrameEvent).frame;
    if (frame.type === 'ready') {
      if (this.load !== 'ready') return;
      // After a reconnection: catch up, then send what is still waiting for its ack (same client ids).
      this.join();
      for (const line of this.lines) if (line.delivery === 'sending') this.transmit(line);
      this.markRead();
      return;
    }
    if (this.load !== 'ready') return;
    this.handle(frame);
  };

  private handle(frame: ServerFrame): void {
    const id = this.conversationId;
    switch (frame.type) {
      case 'joined':
        if (frame.conversation.id !== id) return;
        this.summary = frame.conversation;
        this.merge(frame.messages);
        return;
      case 'message':
        if (frame.message.conversationId !== id) return;
        this.merge([frame.message]);
        if (frame.message.author === 'visitor') this.setVisitorTyping(false);
        return;
      case 'ack': {
        if (frame.conversationId !== id) return;
        const line = this.lines.find((l) => l.author === 'agent' && l.clientId === frame.clientId);
        if (!line) return;
        clearTimeout(this.ackTimers.get(frame.clientId));
        this.ackTimers.delete(frame.clientId);
        this.replaceLine(line, { ...line, seq: frame.seq, createdAt: frame.createdAt, delivery: 'sent' });
        return;
      }
      case 'review': {
        // A trainee's reply held for a lead (then approved: its message arrives; or rejected: it stays unsent).
        if (frame.draft.conversationId !== id || frame.draft.status === 'approved') return;
        const line = this.lines.find((l) => l.author === 'agent' && l.clientId === frame.draft.clientId && l.seq === undefined);
        if (!line) return;
        clearTimeout(this.ackTimers.get(line.clientId));
        this.ackTimers.delete(line.clientId);
        this.replaceLine(line, { ...line, delivery: frame.draft.status === 'pending' ? 'review' : 'rejected' });
        return;
      }
      case 'conversations': {
        const summary = frame.conversations.find((c) => c.id === id);
        if (!summary) return;
        this.summary = summary;
        if (summary.status !== 'open') this.closing = false;
        return;
      }
      case 'typing':
        if (frame.conversationId === id && frame.author === 'visitor') this.setVisitorTyping(frame.typing);
        return;
      case 'read':
        if (frame.conversationId === id && frame.author === 'visitor') this.seenSeq = Math.max(this.seenSeq, frame.seq);
        return;
      case 'error': {
        const line = frame.ref && this.lines.find((l) => l.author === 'agent' && l.clientId === frame.ref && l.delivery);
        if (line) {
          clearTimeout(this.ackTimers.get(line.clientId));
          this.ackTimers.delete(line.clientId);
          this.replaceLine(line, { ...line, delivery: 'failed' });
        } else if (frame.ref === 'close') {
          this.closing = false;
        }
        return;
      }
    }
  }

  /** Adds committed messages in seq order, once each; an agent's own pending line becomes its committed copy. */
  private merge(messages: ChatMessage[]): void {
    if (!messages.length) return;
    let lines = [...this.lines];
    for (const message of messages) {
      if (lines.some((l) => l.seq === message.seq)) continue;
      const pending = lines.findIndex((l) => l.seq === undefined && l.author === message.author && l.clientId === message.clientId);
      if (pending >= 0) lines.splice(pending, 1);
      lines.push({ ...message, delivery: pending >= 0 ? 'sent' : undefined });
    }
    const committed = lines.filter((l) => l.seq !== undefined).sort((a, b) => a.seq! - b.seq!);
    lines = [...committed, ...lines.filter((l) => l.seq === undefined)];
    this.lines = lines;
  }

  private replaceLine(old: Line, next: Line): void {
    this.lines = this.lines.map((l) => (l === old ? next : l));
    if (next.seq !== undefined) this.merge([]); // keep seq order if another message overtook it
  }

  // ---- writing ----------------------------------------------------------------------------------

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const textarea = this.textarea!;
    const body = textarea.value.trim();
    if (!body) return;
    if (body.length > MAX_MESSAGE_LENGTH) {
      this.draftTooLong = true;
      return;
    }
    const line: Line = {
      conversationId: this.conversationId,
      clientId: newClientId(),
      author: 'agent',
      authorName: this.agent?.name,
      body,
      createdAt: Date.now(),
      delivery: 'sending',
    };
    this.lines = [...this.lines, line];
    this.stickToBottom = true;
    textarea.value = '';
    this.draftTooLong = false;
    this.stopTyping();
    this.transmit(line);
  }

  /** Sends (or sends again, with the same client id) a message of the agent's. */
  private transmit(line: Line): void {
    const current = this.lines.find((l) => l.author === 'agent' && l.clientId === line.clientId) ?? line;
    if (current.delivery !== 'sending') this.replaceLine(current, { ...current, delivery: 'sending' });
    const sent = this.connection.send({ type: 'send', conversationId: this.conversationId, clientId: line.clientId, body: line.body });
    // Not sent: the socket is down; the message goes out again when it is back ('ready').
    if (!sent) return;
    clearTimeout(this.ackTimers.get(line.clientId));
    this.ackTimers.set(
      line.clientId,
      setTimeout(() => {
        this.ackTimers.delete(line.clientId);
        const waiting = this.lines.find((l) => l.author === 'agent' && l.clientId === line.clientId && l.delivery === 'sending');
        // If the socket dropped meanwhile, the reconnection sends it again instead.
        if (waiting && this.connection.status === 'open') this.replaceLine(waiting, { ...waiting, delivery: 'failed' });
      }, ACK_TIMEOUT_MS),
    );
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.renderRoot.querySelector('form')?.requestSubmit();
    }
  }

  /** Text from the knowledge base or a saved reply: added at the cursor, for the agent to edit and send. */
  private onReplyInsert = (event: ReplyInsertEvent): void => {
    const box = this.textarea;
    if (!box) return;
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    const before = box.value.slice(0, start);
    const text = before && !/\s$/.test(before) ? ` ${event.text}` : event.text;
    box.setRangeText(text, start, end, 'end');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.focus();
  };

  private onInput(): void {
    const value = this.textarea?.value ?? '';
    this.draftTooLong = value.length > MAX_MESSAGE_LENGTH;
    if (!value.trim()) return this.stopTyping();
    if (!this.typingSent) {
      this.typingSent = this.connection.send({ type: 'typing', conversationId: this.conversationId, typing: true });
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping = (): void => {
    clearTimeout(this.typingTimer);
    if (!this.typingSent) return;
    this.typingSent = false;
    this.connection.send({ type: 'typing', conversationId: this.conversationId, typing: false });
  };

  private setVisitorTyping(typing: boolean): void {
    this.visitorTyping = typing;
    clearTimeout(this.visitorTypingTimer);
    if (typing) this.visitorTypingTimer = setTimeout(() => (this.visitorTyping = false), TYPING_STALE_MS);
  }

  private closeConversation(): void {
    if (this.connection.send({ type: 'close', conversationId: this.conversationId })) this.closing = true;
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** Tells the visitor their messages were seen, when they are on screen in a visible tab. */
  private markRead(): void {
    if (this.load !== 'ready' || document.visibilityState !== 'visible') return;
    const latest = lastOf(this.lines, (l) => l.author === 'visitor' && l.seq !== undefined)?.seq ?? 0;
    if (latest <= this.readSent) return;
    if (this.connection.send({ type: 'read', conversationId: this.conversationId, seq: latest })) this.readSent = latest;
  }

  private onVisibility = (): void => this.markRead();

  private onContextToggle(event: Event): void {
    this.contextOpen = (event.target as HTMLDetailsElement).open;
  }

  private onScroll(): void {
    const log = this.log!;
    this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }
}

function lastOf<T>(items: T[], match: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (match(items[i])) return items[i];
  return undefined;
}

function statusText(t: Strings, status: ConversationSummary['status']): string {
  return status === 'open' ? t.statusOpen : status === 'closed' ? t.statusClosed : t.statusWithdrawn;
}

/** The article on the help page, in the conversation's language. */
function articleHref(locale: Locale, slug: string): string {
  return `/help#/article/${locale}/${slug.split('/').map(encodeURIComponent).join('/')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-conversation': AtiendeConversation;
  }
}
