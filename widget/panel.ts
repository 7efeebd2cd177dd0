// The help-center panel, loaded on the first open: search with results as you type, suggested
// articles, the article view with feedback, and the way to the team. The chat itself is another
// chunk, loaded when the visitor first asks for a person, or on open when they already have a token.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';

import type { Article, ArticleSummary, SearchResult } from '../protocol/kb.ts';
import { LOCALES, type Locale } from '../protocol/locales.ts';
import { ApiError, KbApi, newVisitId } from './api.ts';
import type { Activity, AtiendeChat, AtiendeConversations } from './chat.ts';
import type { ChatArticleEvent, ConversationSelectEvent } from './chat-events.ts';
import { AtiendeArticleEvent, AtiendeSearchEvent, LocaleSelectEvent, PanelCloseRequestEvent } from './events.ts';
import { highlight } from './highlight.ts';
import { LANGUAGE_NAMES, strings, type Strings } from './i18n.ts';
import { articleStyles } from './article-styles.ts';
import { panelStyles } from './panel-styles.ts';
import { SearchController } from './search-controller.ts';
import { readVisitor } from './visitor-token.ts';

/** For the chat, which imports it through this module on purpose (see chat.ts). */
export { panelStyles };

type View = 'search' | 'article' | 'chat';
type Vote = 'none' | 'sending' | 'yes' | 'no' | 'failed';
type Item = SearchResult | ArticleSummary;

interface ArticleState {
  slug: string;
  locale: Locale;
  data?: Article;
  error?: unknown;
  /** The visitor switched language and this article has no translation into it. */
  untranslated?: boolean;
}

/** The panel of `<atiende-widget>`; its parts are exported through the widget. */
@customElement('atiende-panel')
export class AtiendePanel extends LitElement {
  static styles = [panelStyles, articleStyles];

  /** Base URL of the Atiende server. */
  @property() server = '';
  /** Interface and search language. */
  @property() locale: Locale = 'en';
  /** Full-page help center: a region rather than a dialog, and nothing to close. */
  @property({ type: Boolean }) inline = false;
  /** Slug of an article to show. */
  @property() article?: string;
  /** From a Facebook Page tab: the proof that makes the chat's channel facebook. */
  @property() channelTicket?: string;
  /** The signed-in customer's identity token, applied as soon as the panel has it. */
  @property() identityToken?: string;
  /** A conversation to open, from a conversation link; only its owner sees it. */
  @property() conversation?: string;

  @state() private view: View = 'search';
  @state() private query = '';
  @state() private active = -1;
  @state() private suggestions: ArticleSummary[] = [];
  @state() private suggestionsError: unknown = undefined;
  @state() private reading: ArticleState | undefined;
  @state() private vote: Vote = 'none';
  @state() private chatStatus: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** The chat element exists from the first time it is shown, so a conversation outlives a look at an article. */
  @state() private chatShown = false;
  /** A visitor token is stored: the chat chunk loads and "Your conversations" shows above the search. */
  @state() private hasVisitor = false;

  @query('#q') private input?: HTMLInputElement;
  @query('atiende-chat') private chat?: AtiendeChat;
  @query('atiende-conversations') private conversationList?: AtiendeConversations;

  private api = new KbApi('');
  private readonly searcher = new SearchController<SearchResult>(
    this,
    async (q, signal) => (await this.api.search(q, this.locale, signal, 8, true, this.activity.visit)).results,
    (q, results) => {
      this.active = -1;
      this.noteSearch(q);
      this.dispatchEvent(new AtiendeSearchEvent({ query: q, locale: this.locale, resultCount: results.length }));
    },
  );
  private suggestionsFor: Locale | undefined;
  private pending = new Map<'suggestions' | 'article', AbortController>();
  private viewBeforeChat: View = 'search';
  /** The article on screen was opened from the chat's suggestions: Back returns to the chat. */
  private articleFromChat = false;
  private chatModule: Promise<boolean> | undefined;
  private chatLib: typeof import('./chat.ts') | undefined;
  /** Settles once the latest identity token has been applied; a conversation link waits for it. */
  private identified: Promise<void> = Promise.resolve();
  /** The searches and articles of this page session, in memory only; the chat sends them with a conversation. */
  private readonly activity: Activity = { searches: [], articles: [], visit: newVisitId() };
  /** The result the visitor opened, active again when they come back to the list. */
  private lastActive = -1;

  /** Focuses the search box, or the heading of what is on screen instead of it. */
  focusSearch(): void {
    if (this.view === 'chat' && this.chat) return this.chat.focusView();
    const target = this.input ?? this.renderRoot.querySelector<HTMLElement>('h3[tabindex]');
    target?.focus();
  }

  /** Shows the search view and searches for `q` right away. */
  async search(q: string): Promise<void> {
    this.view = 'search';
    this.query = q;
    void this.searcher.run(q);
    await this.updateComplete;
    this.input?.focus();
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.visitorChanged();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const controller of this.pending.values()) controller.abort();
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server')) this.api = new KbApi(this.server);
    if (changed.has('article') && this.article) void this.openArticle(this.article, this.locale);
    if (changed.has('identityToken') && this.identityToken) this.identified = this.applyIdentity(this.identityToken);
    if (changed.has('conversation') && this.conversation) void this.openLinked(this.conversation);
    if (changed.has('locale') && changed.get('locale')) this.localeChanged();
    if (this.view === 'search' && !this.query.trim() && this.suggestionsFor !== this.locale) {
      void this.loadSuggestions();
    }
  }

  protected updated(changed: PropertyValues): void {
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#opt-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  render() {
    const t = strings(this.locale);
    const body =
      this.view === 'article' ? this.renderArticle(t) : this.view === 'chat' ? this.renderChatLoading(t) : this.renderSearch(t);
    return html`<section
      part="panel"
      class="panel ${this.inline ? 'inline' : 'floating'}"
      role=${this.inline ? 'region' : 'dialog'}
      aria-labelledby="title"
      lang=${this.locale}
    >
      <div part="header" class="header">
        <h2 id="title">${t.title}</h2>
        <div class="languages" role="group" aria-label=${t.language}>
          ${LOCALES.map(
            (locale) => html`<button
              type="button"
              lang=${locale}
              aria-pressed=${locale === this.locale ? 'true' : 'false'}
              @click=${() => this.dispatchEvent(new LocaleSelectEvent(locale))}
            >
              ${LANGUAGE_NAMES[locale]}
            </button>`,
          )}
        </div>
        ${this.inline
          ? nothing
          : html`<button type="button" class="icon close" aria-label=${t.close} @click=${this.requestClose}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12" /></svg>
            </button>`}
      </div>
      ${body}
      ${this.chatShown && this.chatStatus === 'ready'
        ? html`<atiende-chat
            exportparts="message, visitor-message, agent-message, chat-input"
            ?hidden=${this.view !== 'chat'}
            .server=${this.server}
            .locale=${this.locale}
            .channel=${this.channelTicket ? 'facebook' : this.inline ? 'help' : 'web'}
            .channelTicket=${this.channelTicket}
            .identityToken=${this.identityToken}
            .activity=${this.activity}
            @chat-back=${this.chatBack}
            @chat-article=${this.chatArticle}
            @visitor-change=${this.visitorChanged}
          ></atiende-chat>`
        : nothing}
      ${this.view === 'chat'
        ? nothing
        : html`<div class="footer">
            <span>${t.footerQuestion}</span>
            <button type="button" part="contact" class="link" @click=${this.openChat}>${t.footerContact}</button>
          </div>`}
    </section>`;
  }

  /** While the chat's chunk loads, or if it could not. */
  private renderChatLoading(t: Strings) {
    if (this.chatStatus === 'ready') return nothing;
    const failed = this.chatStatus === 'failed';
    return html`<div class="body article-view">
      <p part="message" class="status ${failed ? 'error' : ''}" role=${failed ? 'alert' : 'status'}>
        ${failed ? t.errorLoad : t.loading}
      </p>
      ${failed ? html`<button type="button" class="secondary" @click=${this.openChat}>${t.retry}</button>` : nothing}
    </div>`;
  }

  private renderSearch(t: Strings) {
    const searching = this.query.trim() !== '';
    const { status, results, query } = this.searcher;
    const items: Item[] = searching ? results : this.suggestions;
    const error = searching ? (status === 'error' ? this.searcher.error : undefined) : this.suggestionsError;
    let message = '';
    if (error) message = errorText(t, error);
    else if (searching && status === 'done') message = t.count(results.length);
    else if (searching && status === 'loading' && !results.length) message = t.searching;
    const listLabel = searching ? t.results : t.suggested;
    // The search box scrolls with the list (sticky at the top), so the scrolling region holds a
    // focusable control and keyboard users reach everything in it.
    return html`<div class="body">
      ${this.hasVisitor && this.chatStatus === 'ready'
        ? html`<atiende-conversations
            exportparts="message"
            .server=${this.server}
            .locale=${this.locale}
            @conversation-select=${this.openConversation}
            @visitor-change=${this.visitorChanged}
          ></atiende-conversations>`
        : nothing}
      <div class="search">
        <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" /></svg>
        <input
          id="q"
          part="search-input"
          type="search"
          role="combobox"
          aria-label=${t.searchLabel}
          aria-autocomplete="list"
          aria-expanded=${items.length ? 'true' : 'false'}
          aria-controls=${items.length ? 'list' : nothing}
          aria-activedescendant=${this.active >= 0 && this.active < items.length ? `opt-${this.active}` : nothing}
          placeholder=${t.searchPlaceholder}
          maxlength="200"
          autocomplete="off"
          spellcheck="false"
          .value=${live(this.query)}
          @input=${this.onInput}
          @keydown=${(e: KeyboardEvent) => this.onSearchKeydown(e, items)}
        />
      </div>
      <p part="message" class="status ${error ? 'error' : ''}" role="status">${message}</p>
      ${error ? html`<button type="button" class="secondary retry" @click=${this.retrySearch}>${t.retry}</button>` : nothing}
      ${items.length
        ? html`<h3 id="list-label" class="list-label ${searching ? 'visually-hidden' : ''}">${listLabel}</h3>
            <ul id="list" part="results" role="listbox" aria-labelledby="list-label">
              ${items.map((item, i) => this.renderItem(item, i))}
            </ul>`
        : nothing}
      ${searching && status === 'done' && !results.length
        ? html`<div class="empty" part="message">
            <p>${t.noResults(query)}</p>
            <button type="button" part="contact" class="primary" @click=${this.openChat}>${t.contact}</button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderItem(item: Item, i: number) {
    const hit = 'snippet' in item ? item : undefined;
    return html`<li
      id="opt-${i}"
      part="result"
      role="option"
      class="result"
      aria-selected=${i === this.active ? 'true' : 'false'}
      @click=${() => void this.openArticle(item.slug, item.locale)}
      @pointermove=${() => (this.active = i)}
    >
      <span class="result-title">${hit ? highlight(hit.title, hit.titleHighlights) : item.title}</span>
      <span class="result-text">${hit ? highlight(hit.snippet, hit.highlights) : item.summary}</span>
    </li>`;
  }

  private renderArticle(t: Strings) {
    const reading = this.reading!;
    const article = reading.data;
    let content;
    if (reading.error) {
      content = html`<p part="message" class="status error" role="alert">${errorText(t, reading.error)}</p>
        ${reading.error instanceof ApiError && reading.error.kind === 'not-found'
          ? nothing
          : html`<button type="button" class="secondary" @click=${() => void this.openArticle(reading.slug, reading.locale)}>
              ${t.retry}
            </button>`}`;
    } else if (!article) {
      content = html`<p part="message" class="status" role="status">${t.loading}</p>`;
    } else {
      content = html`
        ${reading.untranslated ? html`<p part="message" class="status" role="status">${t.noTranslation}</p>` : nothing}
        <article part="article" aria-labelledby="article-title" lang=${article.locale}>
          <h3 id="article-title" tabindex="-1">${article.title}</h3>
          <div class="content" @click=${this.onArticleClick} .innerHTML=${article.html}></div>
        </article>
        ${this.renderFeedback(t)}
      `;
    }
    return html`<div class="body article-view">
      <button type="button" class="back" @click=${this.back}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 18l-6-6 6-6" /></svg>${t.back}
      </button>
      ${content}
    </div>`;
  }

  private renderFeedback(t: Strings) {
    const vote = this.vote;
    const asking = vote === 'none' || vote === 'sending' || vote === 'failed';
    return html`<div class="feedback" role="group" aria-labelledby="feedback-label">
      <p id="feedback-label">${t.helpful}</p>
      ${asking
        ? html`<div class="buttons">
            <button type="button" class="secondary" ?disabled=${vote === 'sending'} @click=${() => this.sendVote(true)}>
              ${t.yes}
            </button>
            <button type="button" class="secondary" ?disabled=${vote === 'sending'} @click=${() => this.sendVote(false)}>
              ${t.no}
            </button>
          </div>`
        : nothing}
      <p part="message" class="status ${vote === 'failed' ? 'error' : ''}" role="status">
        ${vote === 'yes' ? t.thanksYes : vote === 'no' ? t.thanksNo : vote === 'failed' ? t.errorVote : ''}
      </p>
      ${vote === 'no'
        ? html`<button type="button" part="contact" class="primary" @click=${this.openChat}>${t.contact}</button>`
        : nothing}
    </div>`;
  }

  private onInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.active = -1;
    if (this.query.trim()) this.searcher.schedule(this.query);
    else this.searcher.reset();
  }

  private onSearchKeydown(event: KeyboardEvent, items: Item[]): void {
    const count = items.length;
    if (event.key === 'ArrowDown' && count) {
      this.active = this.active >= count - 1 ? 0 : this.active + 1;
    } else if (event.key === 'ArrowUp' && count) {
      this.active = this.active <= 0 ? count - 1 : this.active - 1;
    } else if (event.key === 'Enter') {
      const item = items[this.active];
      if (item) void this.openArticle(item.slug, item.locale);
      else if (this.query.trim()) void this.searcher.run(this.query);
    } else {
      return;
    }
    event.preventDefault();
  }

  private requestClose(): void {
    this.dispatchEvent(new PanelCloseRequestEvent());
  }

  private retrySearch(): void {
    if (this.query.trim()) void this.searcher.run(this.query);
    else {
      this.suggestionsFor = undefined;
      void this.loadSuggestions();
    }
  }

  private localeChanged(): void {
    this.suggestionsFor = undefined;
    if (this.query.trim()) void this.searcher.run(this.query);
    const reading = this.reading;
    if (this.view === 'article' && reading?.data && reading.locale !== this.locale) {
      const translated = reading.data.translations.some((tr) => tr.locale === this.locale);
      if (translated) void this.openArticle(reading.slug, this.locale);
      else this.reading = { ...reading, untranslated: true };
    }
  }

  private async loadSuggestions(): Promise<void> {
    const locale = this.locale;
    this.suggestionsFor = locale;
    const signal = this.restart('suggestions');
    try {
      const response = await this.api.suggestions(locale, location.pathname, signal);
      this.suggestions = response.results;
      this.suggestionsError = undefined;
    } catch (error) {
      if (signal.aborted) return;
      this.suggestions = [];
      this.suggestionsError = error;
    }
  }

  private async openArticle(slug: string, locale: Locale): Promise<void> {
    if (this.view !== 'article') this.lastActive = this.active;
    this.view = 'article';
    this.vote = 'none';
    this.reading = { slug, locale };
    const signal = this.restart('article');
    try {
      const article = await this.api.article(slug, locale, signal);
      this.reading = { slug, locale: article.locale, data: article };
      this.noteArticle(article.slug, article.title);
      this.dispatchEvent(new AtiendeArticleEvent({ slug, locale: article.locale }));
      this.api.recordView(slug, article.locale, this.activity.visit).catch(() => {}); // a lost view count is not the visitor's problem
      await this.updateComplete;
      this.prepareLinks();
      this.renderRoot.querySelector<HTMLElement>('#article-title')?.focus();
    } catch (error) {
      if (signal.aborted) return;
      this.reading = { slug, locale, error };
    }
  }

  private async back(): Promise<void> {
    if (this.view === 'article' && this.articleFromChat) {
      this.articleFromChat = false;
      this.view = 'chat';
    } else {
      this.view = 'search';
    }
    this.active = this.lastActive;
    await this.updateComplete;
    this.focusSearch();
  }

  // ---- The way to the team -------------------------------------------------------------------------

  private loadChat(): Promise<boolean> {
    if (!this.chatModule) {
      this.chatStatus = 'loading';
      this.chatModule = import('./chat.ts').then(
        (lib) => {
          this.chatLib = lib;
          this.chatStatus = 'ready';
          return true;
        },
        () => {
          this.chatStatus = 'failed';
          this.chatModule = undefined; // the next try loads it again
          return false;
        },
      );
    }
    return this.chatModule;
  }

  /** "Contact us": the chat, starting with "Describe your problem" unless a conversation is going on. */
  private async openChat(): Promise<void> {
    if (this.view !== 'chat' && !(this.view === 'article' && this.articleFromChat)) this.viewBeforeChat = this.view;
    const origin = {
      query: this.searcher.query,
      ...(this.view === 'article' && this.reading ? { slug: this.reading.slug } : {}),
    };
    this.articleFromChat = false;
    this.view = 'chat';
    this.chatShown = true;
    if (!(await this.loadChat())) return;
    await this.updateComplete;
    this.chat?.describe(origin);
  }

  private async openConversation(event: ConversationSelectEvent): Promise<void> {
    this.viewBeforeChat = 'search';
    this.articleFromChat = false;
    this.view = 'chat';
    this.chatShown = true;
    await this.updateComplete;
    this.chat?.openConversation(event.conversation);
  }

  private async applyIdentity(token: string): Promise<void> {
    if (!(await this.loadChat())) return;
    const lib = this.chatLib!;
    const detail = await lib.identify(this.server, token, this.locale);
    if (token !== this.identityToken) return; // a newer token replaced it meanwhile
    this.dispatchEvent(lib.identifyEvent(detail));
    this.visitorChanged();
    await this.updateComplete;
    void this.conversationList?.refresh();
  }

  /** A conversation link: the conversation for its owner (after identity, if any); for anyone else, nothing of it. */
  private async openLinked(id: string): Promise<void> {
    await this.identified;
    if (!(await this.loadChat())) return;
    const summary = await this.chatLib!.linkedConversation(this.server, id);
    if (id !== this.conversation) return;
    this.viewBeforeChat = 'search';
    this.articleFromChat = false;
    this.view = 'chat';
    this.chatShown = true;
    await this.updateComplete;
    if (summary) this.chat?.openConversation(summary);
    else this.chat?.linkUnavailable();
  }

  private async chatBack(): Promise<void> {
    this.articleFromChat = false;
    this.view = this.viewBeforeChat;
    if (this.view === 'search') {
      this.active = this.lastActive;
      void this.conversationList?.refresh();
    }
    await this.updateComplete;
    this.focusSearch();
  }

  private chatArticle(event: ChatArticleEvent): void {
    this.articleFromChat = true;
    void this.openArticle(event.slug, event.locale);
  }

  private visitorChanged(): void {
    this.hasVisitor = readVisitor() !== undefined;
    if (this.hasVisitor) void this.loadChat();
  }

  /** Typing "fact", "factu", "factura" is one search, not three. */
  private noteSearch(q: string): void {
    const searches = this.activity.searches;
    const last = searches[searches.length - 1];
    if (last !== undefined && (q.startsWith(last) || last.startsWith(q))) searches[searches.length - 1] = q;
    else searches.push(q.slice(0, 200));
    if (searches.length > 20) searches.shift();
  }

  private noteArticle(slug: string, title: string): void {
    const articles = this.activity.articles.filter((a) => a.slug !== slug);
    articles.push({ slug, title: title.slice(0, 300) });
    this.activity.articles = articles.slice(-20);
  }

  private async sendVote(helpful: boolean): Promise<void> {
    const article = this.reading?.data;
    if (!article) return;
    this.vote = 'sending';
    try {
      await this.api.vote(article.slug, article.locale, helpful, this.activity.visit);
      this.vote = helpful ? 'yes' : 'no';
    } catch {
      this.vote = 'failed';
    }
  }

  /**
   * Article links and images are relative to the Atiende server, not to the page embedding the widget,
   * and a link must not navigate the visitor away from that page.
   */
  private prepareLinks(): void {
    const base = this.server.replace(/\/+$/, '') + '/';
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.content [href], .content [src]')) {
      for (const name of ['href', 'src']) {
        const value = el.getAttribute(name);
        if (value?.startsWith('/') && !value.startsWith('//')) el.setAttribute(name, new URL(value, base).href);
      }
      if (el instanceof HTMLAnchorElement) {
        el.target = '_blank';
        el.rel = 'noopener noreferrer';
      }
    }
  }

  /** A link to another article (the server marks it with data-slug) opens in the panel. */
  private onArticleClick(event: MouseEvent): void {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-slug]');
    const locale = this.reading?.data?.locale;
    if (!link?.dataset.slug || !locale || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void this.openArticle(link.dataset.slug, locale);
  }

  /** Aborts the previous request of this kind and returns the new one's signal. */
  private restart(kind: 'suggestions' | 'article'): AbortSignal {
    this.pending.get(kind)?.abort();
    const controller = new AbortController();
    this.pending.set(kind, controller);
    return controller.signal;
  }
}

function errorText(t: Strings, error: unknown): string {
  if (!(error instanceof ApiError)) return t.errorServer;
  return error.kind === 'network' ? t.errorNetwork : error.kind === 'not-found' ? t.errorNotFound : t.errorServer;
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-panel': AtiendePanel;
  }
}
