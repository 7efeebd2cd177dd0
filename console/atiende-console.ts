import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';

import type { ConversationSummary, ServerFrame } from '../protocol/chat.ts';
import { LOCALES, type Locale } from '../protocol/locales.ts';
import { ApiError, ConsoleApi, type Agent, type InboxItem } from './api.ts';
import { ConsoleConnection } from './connection.ts';
import type { ServerFrameEvent, SignedInEvent } from './events.ts';
import { initialLocale, LANGUAGE_NAMES, rememberLocale, strings, type Strings } from './i18n.ts';
import type { AtiendeSignIn } from './sign-in.ts';
import { base, tokens } from './styles.ts';

import { articleStrings } from './i18n-articles.ts';
import { routeFromHash, sectionsFor, type Route } from './sections.ts';

import './conversation.ts';
import './inbox.ts';
import './moderation.ts';
import './sign-in.ts';
import { routingApi } from './routing-api.ts';

type Presence = 'online' | 'away';

const RANK_EVERY_MS = 60_000;

/** `#/conversations/<id>` is the open conversation; anything else is the inbox alone. */
function conversationFromHash(): string | undefined {
  const match = /^#\/conversations\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  return match?.[1];
}

const MODERATION_HASH = '#/moderation';

/**
 * The staff console at /console: sign-in, then the inbox of open conversations beside the one being
 * answered, the agent's presence (online or away) and the interface language. It owns the console
 * socket and keeps the inbox current from its `conversation` frames.
 *
 * @summary The agent console application.
 */
@customElement('atiende-console')
export class AtiendeConsole extends LitElement {
  static styles = [
    tokens,
    base,
    css`
      :host {
        display: flex; flex-direction: column; height: 100vh; height: 100dvh;
        background: var(--console-background); color: var(--console-text);
        font-family: var(--console-font); font-size: 0.9375rem; line-height: 1.5;
      }
      .bar {
        display: flex; align-items: center; gap: 16px; min-height: 60px; padding: 10px 20px;
        background: var(--console-surface); border-bottom: 1px solid var(--console-border);
      }
      h1 { display: flex; align-items: center; gap: 10px; font-size: 1.0625rem; font-weight: 700; white-space: nowrap; }
      .logo {
        display: inline-grid; place-items: center; width: 32px; height: 32px; border-radius: 9px;
        background: var(--console-accent); color: var(--console-accent-text);
      }
      .product { font-weight: 500; color: var(--console-muted); padding-left: 10px; border-left: 1px solid var(--console-border); }
      .tools { margin-left: auto; display: flex; align-items: center; gap: 12px; }
      .moderation-link { font-size: 0.875rem; font-weight: 600; color: var(--console-accent); white-space: nowrap; }
      .moderation-link[aria-current='page'] { text-decoration: none; }
      .account { display: flex; align-items: center; gap: 12px; padding-left: 14px; border-left: 1px solid var(--console-border); }
      .dot { width: 8px; height: 8px; border-radius: 50%; background: #98a2b3; }
      .presence button[aria-pressed='true'] .dot.online { background: #12b76a; }
      .presence button[aria-pressed='true'] .dot.away { background: #f79009; }
      .me { font-size: 0.875rem; color: var(--console-muted); max-width: 220px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .signout { min-height: 34px; padding: 0 12px; font-size: 0.875rem; }
      .banner { padding: 8px 20px; font-size: 0.875rem; text-align: center; }
      .banner:empty { display: none; }
      .banner.warning { background: var(--console-warning-soft); color: var(--console-warning); border-bottom: 1px solid #f5dfb5; }
      .banner.error { background: var(--console-danger-soft); color: var(--console-danger); border-bottom: 1px solid #f6d2ce; }
      .workspace { flex: 1; display: grid; grid-template-columns: 340px minmax(0, 1fr); min-height: 0; }
      atiende-inbox { border-right: 1px solid var(--console-border); }
      main { display: flex; min-width: 0; min-height: 0; }
      atiende-conversation { flex: 1; }
      .placeholder {
        margin: auto; display: grid; justify-items: center; gap: 12px; padding: 40px;
        color: var(--console-muted); text-align: center;
      }
      .placeholder svg { width: 44px; height: 44px; stroke-width: 1.5; color: #98a2b3; }
      .loading { margin: auto; color: var(--console-muted); }
      .sign-in-page { flex: 1; display: grid; place-items: center; padding: 24px; overflow-y: auto; }
      .card {
        width: min(400px, 100%); display: grid; gap: 22px; padding: 32px;
        background: var(--console-surface); border: 1px solid var(--console-border); border-radius: 14px;
        box-shadow: 0 12px 32px rgb(15 23 42 / 0.08);
      }
      .card h2 { font-size: 1.375rem; font-weight: 700; line-height: 1.3; }
      .card p { color: var(--console-muted); margin-top: 4px; }
      .no-access { margin: 40px auto; max-width: 520px; }
      .sections { display: flex; gap: 4px; }
      .sections a {
        padding: 6px 12px; border-radius: 8px; color: var(--console-muted); font-weight: 600; font-size: 0.875rem; text-decoration: none;
      }
      .sections a:hover { background: var(--console-subtle); color: var(--console-text); }
      .sections a[aria-current='page'] { background: var(--console-accent-soft); color: var(--console-accent); }
      .section { flex: 1; min-height: 0; display: flex; flex-direction: column; }
      .section > * { flex: 1; min-height: 0; }
      /* Seven sections, the moderation link, presence, language and the account do not fit beside the product name. */
      @media (max-width: 1400px) {
        .product, .me { display: none; }
        .bar { column-gap: 12px; }
        .tools { gap: 8px; }
        .sections a { padding: 6px 9px; }
      }
      @media (max-width: 1000px) {
        .product, .me { display: none; }
        .account { padding-left: 0; border-left: 0; }
      }
      @media (max-width: 760px) {
        .bar { flex-wrap: wrap; row-gap: 10px; padding: 10px 16px; }
        .account { margin-left: auto; }
        .tools { order: 3; width: 100%; margin-left: 0; justify-content: space-between; }
        .workspace { grid-template-columns: minmax(0, 1fr); }
        .workspace.has-conversation atiende-inbox { display: none; }
        .workspace:not(.has-conversation) main { display: none; }
        atiende-inbox { border-right: 0; }
      }
    `,
  ];

  /** undefined while the session is being checked; null when nobody is signed in. */
  @state() private agent: Agent | null | undefined = undefined;
  @state() private locale: Locale = initialLocale();
  @state() private inbox: InboxItem[] = [];
  @state() private inboxStatus: 'loading' | 'ready' | 'error' = 'loading';
  /** The teams the signed-in agent belongs to (the inbox's "My teams" filter). */
  @state() private myTeams: string[] = [];
  @state() private selected: string | undefined = conversationFromHash();
  /** `#/moderation`: held messages and blocks instead of a conversation. */
  @state() private moderation = location.hash === MODERATION_HASH;
  @state() private route: Route = routeFromHash(location.hash);
  @state() private presence: Presence = 'online';
  /** Signing out failed: the session is still open, and the agent is told so. */
  @state() private signOutFailed = false;

  private readonly api = new ConsoleApi();
  private readonly connection = new ConsoleConnection(this, {
    sessionValid: async () => (await this.api.me()) !== null,
    onSessionEnded: () => this.sessionEnded(),
  });
  private inboxRequest: AbortController | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Priorities grow as visitors wait: the inbox is read again every minute, all ranked at one instant. */
  private rankTimer: ReturnType<typeof setInterval> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    this.connection.addEventListener('server-frame', this.onFrame);
    addEventListener('hashchange', this.onHashChange);
    void this.checkSession();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection.removeEventListener('server-frame', this.onFrame);
    removeEventListener('hashchange', this.onHashChange);
    this.inboxRequest?.abort();
    clearTimeout(this.refreshTimer);
    clearInterval(this.rankTimer);
  }

  protected updated(): void {
    const t = strings(this.locale);
    document.documentElement.lang = this.locale;
    const waiting = this.agent ? this.inbox.filter((c) => c.waitingSince !== null).length : 0;
    document.title = waiting ? `(${waiting}) ${t.documentTitle}` : t.documentTitle;
  }

  render() {
    const t = strings(this.locale);
    if (this.agent === undefined) {
      return html`${this.renderBar(t)}<p class="loading" role="status">${t.checkingSession}</p>`;
    }
    if (this.agent === null) {
      return html`${this.renderBar(t)}
        <main class="sign-in-page">
          <div class="card">
            <div>
              <h2>${t.signInTitle}</h2>
              <p>${t.signInIntro}</p>
            </div>
            <atiende-sign-in .locale=${this.locale} .api=${this.api} @signed-in=${this.onSignedIn}></atiende-sign-in>
          </div>
        </main>`;
    }
    const sections = sectionsFor(this.agent.role);
    if (!sections.length) {
      return html`${this.renderBar(t)}<main><p class="notice warning no-access" role="alert">${t.noAccess}</p></main>`;
    }
    const section = sections.find((s) => s.id === this.route.section) ?? sections[0]!;
    if (section.view) {
      const view = section.view({ locale: this.locale, api: this.api, role: this.agent.role, route: this.route });
      return html`${this.renderBar(t)}<main class="section">${view}</main>`;
    }
    return html`${this.renderBar(t)}
      <p class="banner ${this.signOutFailed ? 'error' : 'warning'}" role="status">${this.bannerText(t)}</p>
      <div class="workspace ${this.selected ? 'has-conversation' : ''}">
        <atiende-inbox
          .locale=${this.locale}
          .items=${this.inbox}
          .selected=${this.selected}
          .status=${this.inboxStatus}
          .agentId=${this.agent.id}
          .myTeams=${this.myTeams}
          .api=${this.api}
          .connection=${this.connection}
          @inbox-retry=${this.loadInbox}
        ></atiende-inbox>
        <main>
          ${this.moderation
            ? html`<atiende-moderation .locale=${this.locale} .api=${this.api}></atiende-moderation>`
            : this.selected
            ? keyed(
                this.selected,
                html`<atiende-conversation
                  .locale=${this.locale}
                  .conversationId=${this.selected}
                  .agent=${this.agent}
                  .connection=${this.connection}
                  .api=${this.api}
                  .connected=${this.connection.status === 'open'}
                ></atiende-conversation>`,
              )
            : html`<div class="placeholder">
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z" /></svg>
                <p>${t.chooseConversation}</p>
              </div>`}
        </main>
      </div>`;
  }

  private renderBar(t: Strings) {
    const agent = this.agent;
    const staff = agent && (agent.role === 'admin' || agent.role === 'agent');
    const sections = agent ? sectionsFor(agent.role) : [];
    const current = sections.find((s) => s.id === this.route.section)?.id ?? sections[0]?.id;
    const ta = articleStrings(this.locale);
    return html`<header class="bar">
      <h1>
        <span class="logo" aria-hidden="true">${logo}</span>
        <span>${t.brand}</span>
        <span class="product">${t.product}</span>
      </h1>
      ${sections.length
        ? html`<nav class="sections" aria-label=${ta.sections}>
            ${sections.map((s) => html`<a href=${`#/${s.id}`} aria-current=${s.id === current ? 'page' : 'false'}>${s.label[this.locale]}</a>`)}
          </nav>`
        : nothing}
      <div class="tools">
        ${staff ? html`<a class="moderation-link" href=${MODERATION_HASH} aria-current=${this.moderation ? 'page' : nothing}>${t.moderation}</a>` : nothing}
        ${staff
          ? html`<div class="segmented presence" role="group" aria-label=${t.presence}>
              ${(['online', 'away'] as const).map(
                (p) => html`<button type="button" aria-pressed=${this.presence === p ? 'true' : 'false'} @click=${() => this.setPresence(p)}>
                  <span class="dot ${p}" aria-hidden="true"></span>${p === 'online' ? t.online : t.away}
                </button>`,
              )}
            </div>`
          : nothing}
        <div class="segmented" role="group" aria-label=${t.language}>
          ${LOCALES.map(
            (locale) => html`<button type="button" lang=${locale} aria-pressed=${locale === this.locale ? 'true' : 'false'} @click=${() => this.setLocale(locale)}>
              ${LANGUAGE_NAMES[locale]}
            </button>`,
          )}
        </div>
      </div>
      ${agent
        ? html`<div class="account">
            <span class="me" title=${t.signedInAs(agent.email)}>${agent.name}</span>
            <button type="button" class="secondary signout" @click=${this.signOut}>${t.signOut}</button>
          </div>`
        : nothing}
    </header>`;
  }

  private bannerText(t: Strings): string {
    if (this.signOutFailed) return t.signOutFailed;
    // The first connection takes a moment and needs no notice; a lost one does.
    return this.connection.status === 'reconnecting' ? t.reconnecting : '';
  }

  // ---- session ------------------------------------------------------------------------------------

  private async checkSession(): Promise<void> {
    try {
      const agent = await this.api.me();
      if (agent) this.startWork(agent);
      else this.agent = null;
    } catch {
      // The server could not be reached: show the sign-in form, which reports it on submit.
      this.agent = null;
    }
    await this.focusSignIn();
  }

  private onSignedIn(event: SignedInEvent): void {
    this.startWork(event.agent);
  }

  private startWork(agent: Agent): void {
    this.agent = agent;
    this.signOutFailed = false;
    if (agent.role !== 'admin' && agent.role !== 'agent') return;
    this.presence = 'online';
    this.inboxStatus = 'loading';
    this.connection.start();
    void this.loadInbox();
    void routingApi(this.api).teams()
      .then(({ teams }) => (this.myTeams = teams.filter((x) => x.members.some((m) => m.agentId === agent.id)).map((x) => x.id)))
      .catch(() => undefined);
    clearInterval(this.rankTimer);
    this.rankTimer = setInterval(() => void this.loadInbox(), RANK_EVERY_MS);
  }

  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } catch (error) {
      // 401: the session had already ended. Anything else: it is still open, so say so and stay.
      if (!(error instanceof ApiError) || error.status !== 401) {
        this.signOutFailed = true;
        return;
      }
    }
    this.sessionEnded();
  }

  /** Signed out (here, in another tab, or the session expired): back to the sign-in form. */
  private sessionEnded(): void {
    if (this.agent === null) return;
    this.connection.stop();
    this.inboxRequest?.abort();
    clearTimeout(this.refreshTimer);
    clearInterval(this.rankTimer);
    this.agent = null;
    this.inbox = [];
    this.signOutFailed = false;
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    this.selected = undefined;
    void this.focusSignIn();
  }

  private async focusSignIn(): Promise<void> {
    await this.updateComplete;
    const form = this.renderRoot.querySelector<AtiendeSignIn>('atiende-sign-in');
    if (!form) return;
    await form.updateComplete;
    form.focusForm();
  }

  // ---- inbox ------------------------------------------------------------------------------------

  private loadInbox = async (): Promise<void> => {
    this.inboxRequest?.abort();
    const controller = new AbortController();
    this.inboxRequest = controller;
    const started = Date.now();
    if (this.inboxStatus === 'error') this.inboxStatus = 'loading';
    try {
      const fresh = await this.api.inbox(controller.signal);
      if (controller.signal.aborted) return;
      // Frames that arrived while the list was on its way are newer than it; keep them.
      const local = new Map(this.inbox.map((c) => [c.id, c]));
      const merged = fresh.map((c) => {
        const mine = local.get(c.id);
        return mine && mine.lastSeq > c.lastSeq ? { ...mine, visitor: c.visitor } : c;
      });
      const ids = new Set(fresh.map((c) => c.id));
      const arrivedMeanwhile = this.inbox.filter((c) => !ids.has(c.id) && c.updatedAt >= started);
      this.inbox = [...merged, ...arrivedMeanwhile];
      this.inboxStatus = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) return this.sessionEnded();
      this.inboxStatus = 'error';
    } finally {
      if (this.inboxRequest === controller) this.inboxRequest = undefined;
    }
  };

  /** A conversation changed: new ones join the inbox, closed ones leave it. */
  private upsert(summary: ConversationSummary): void {
    const existing = this.inbox.find((c) => c.id === summary.id);
    if (summary.status !== 'open') {
      if (existing) this.inbox = this.inbox.filter((c) => c.id !== summary.id);
      return;
    }
    if (existing) {
      if (existing.lastSeq > summary.lastSeq) return; // an older update overtaken by a newer one
      this.inbox = this.inbox.map((c) => (c.id === summary.id ? { ...summary, visitor: c.visitor } : c));
      return;
    }
    // The frame has no visitor profile: show it at once, then read the name with the inbox.
    this.inbox = [...this.inbox, { ...summary, visitor: { name: null, email: null } }];
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.loadInbox(), 250);
  }

  private onFrame = (event: Event): void => {
    const frame: ServerFrame = (event as ServerFrameEvent).frame;
    switch (frame.type) {
      case 'ready':
        // (Re)connected: the server starts every agent socket online, and frames may have been missed.
        if (this.presence === 'away') this.connection.send({ type: 'presence', status: 'away' });
        void this.loadInbox();
        return;
      case 'conversations':
        for (const c of frame.conversations) this.upsert(c);
        return;
    }
  };

  // ---- preferences ------------------------------------------------------------------------------

  private setPresence(presence: Presence): void {
    this.presence = presence;
    this.connection.send({ type: 'presence', status: presence });
  }

  private setLocale(locale: Locale): void {
    this.locale = locale;
    rememberLocale(locale);
  }

  private onHashChange = (): void => {
    this.route = routeFromHash(location.hash);
    this.selected = conversationFromHash();
    this.moderation = location.hash === MODERATION_HASH;
    if (!this.selected) {
      void this.updateComplete.then(() => {
        this.renderRoot.querySelector('atiende-inbox')?.renderRoot.querySelector<HTMLElement>('[aria-current="page"], a')?.focus();
      });
    }
  };
}

const logo = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"/><path d="M8.5 12h.01M12 12h.01M15.5 12h.01"/></svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'atiende-console': AtiendeConsole;
  }
}
