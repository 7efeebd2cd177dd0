import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { SearchResponse, SearchResult } from '../protocol/kb.ts';
import type { Locale } from '../protocol/locales.ts';
import type { SavedReply } from '../protocol/saved-replies.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { fillReply, type ReplyValues } from './reply-fill.ts';
import { base } from './styles.ts';

const STRINGS = {
  en: {
    kb: 'Knowledge base', saved: 'Saved replies',
    searchKb: 'Search the articles', searchSaved: 'Find a saved reply',
    insertLink: 'Insert link', insertExcerpt: 'Insert excerpt', insert: 'Insert',
    noArticles: 'No article matches.', noSaved: 'No saved reply yet.', forEveryone: 'Everyone',
    failed: (why: string) => `Could not load: ${why}`,
  },
  es: {
    kb: 'Base de conocimiento', saved: 'Respuestas guardadas',
    searchKb: 'Busca en los artículos', searchSaved: 'Busca una respuesta guardada',
    insertLink: 'Insertar enlace', insertExcerpt: 'Insertar extracto', insert: 'Insertar',
    noArticles: 'Ningún artículo encaja.', noSaved: 'Aún no hay respuestas guardadas.', forEveryone: 'Todos',
    failed: (why: string) => `No se pudo cargar: ${why}`,
  },
} satisfies Record<Locale, unknown>;

/** The text an agent adds to their reply: bubbles out of the conversation's tools. */
export class ReplyInsertEvent extends Event {
  constructor(readonly text: string) {
    super('reply-insert', { bubbles: true, composed: true });
  }
}

/** The public link of an article in the help centre, on this server. */
export const articleLink = (locale: string, slug: string) =>
  `${location.origin}/help#/article/${locale}/${slug.split('/').map(encodeURIComponent).join('/')}`;

/**
 * Beside the reply box: search the knowledge base in the conversation's language and insert an article's
 * link or an excerpt, or insert a saved reply with its fields filled. Nothing is sent: the agent edits first.
 *
 * @summary Knowledge base and saved replies for the reply box.
 * @fires reply-insert - The text to add to the reply.
 */
@customElement('atiende-reply-tools')
export class AtiendeReplyTools extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      .tabs { display: flex; gap: 6px; }
      .tabs button { min-height: 30px; padding: 0 10px; font-size: 0.8125rem; }
      .tabs button[aria-expanded='true'] { background: var(--console-accent-soft); color: var(--console-accent); border-color: var(--console-accent); }
      .panel { margin-top: 8px; padding: 10px; border: 1px solid var(--console-border); border-radius: 10px; background: var(--console-surface); max-height: 260px; overflow-y: auto; }
      input { width: 100%; min-height: 34px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px; font: inherit; }
      ul { display: grid; gap: 8px; margin-top: 8px; }
      li { display: grid; gap: 4px; padding-bottom: 8px; border-bottom: 1px solid #edf0f4; }
      .title { font-weight: 600; font-size: 0.875rem; }
      .sub { font-size: 0.8125rem; color: var(--console-muted); overflow: hidden; text-overflow: ellipsis; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
      .actions { display: flex; gap: 6px; }
      .actions button { min-height: 28px; padding: 0 8px; font-size: 0.75rem; }
      .muted { color: var(--console-muted); font-size: 0.8125rem; margin-top: 8px; }
    `,
  ];

  @property() locale: Locale = 'es';
  /** The language of the conversation: articles and saved replies in it. */
  @property() conversationLocale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) values: ReplyValues = {};

  @state() private open: '' | 'kb' | 'saved' = '';
  @state() private results: SearchResult[] | undefined;
  @state() private replies: SavedReply[] | undefined;
  @state() private filter = '';
  @state() private error = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;

  render() {
    const t = STRINGS[this.locale];
    return html`<div class="tabs">
        <button type="button" class="secondary" aria-expanded=${this.open === 'kb'} aria-controls="reply-kb" @click=${() => this.toggle('kb')}>${t.kb}</button>
        <button type="button" class="secondary" aria-expanded=${this.open === 'saved'} aria-controls="reply-saved" @click=${() => this.toggle('saved')}>${t.saved}</button>
      </div>
      ${this.open === 'kb' ? this.renderKb(t) : nothing}
      ${this.open === 'saved' ? this.renderSaved(t) : nothing}
      ${this.error ? html`<p class="muted" role="alert">${this.error}</p>` : nothing}`;
  }

  private renderKb(t: (typeof STRINGS)['es']) {
    return html`<div id="reply-kb" class="panel">
      <label class="visually-hidden" for="kb-q">${t.searchKb}</label>
      <input id="kb-q" type="search" placeholder=${t.searchKb} maxlength="200" autocomplete="off" @input=${this.onSearch} />
      ${this.results === undefined
        ? nothing
        : this.results.length
          ? html`<ul>${this.results.map((r) => html`<li data-article=${r.slug}>
              <span class="title">${r.title}</span>
              <span class="sub">${r.summary || r.snippet}</span>
              <span class="actions">
                <button type="button" class="secondary" aria-label=${`${t.insertLink}: ${r.title}`} @click=${() => this.insert(articleLink(r.locale, r.slug))}>${t.insertLink}</button>
                <button type="button" class="secondary" aria-label=${`${t.insertExcerpt}: ${r.title}`} @click=${() => this.insert(`${r.title}: ${r.summary || r.snippet}`)}>${t.insertExcerpt}</button>
              </span>
            </li>`)}</ul>`
          : html`<p class="muted">${t.noArticles}</p>`}
    </div>`;
  }

  private renderSaved(t: (typeof STRINGS)['es']) {
    const q = this.filter.trim().toLocaleLowerCase(this.locale);
    const shown = (this.replies ?? []).filter((r) => !q || r.title.toLocaleLowerCase(this.locale).includes(q));
    return html`<div id="reply-saved" class="panel">
      <label class="visually-hidden" for="saved-q">${t.searchSaved}</label>
      <input id="saved-q" type="search" placeholder=${t.searchSaved} autocomplete="off" @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
      ${this.replies === undefined
        ? nothing
        : shown.length
          ? html`<ul>${shown.map((r) => {
              const body = this.conversationLocale === 'en' ? r.bodyEn : r.bodyEs;
              return html`<li data-reply=${r.title}>
                <span class="title">${r.title} · ${r.teamName ?? t.forEveryone}</span>
                <span class="sub">${body}</span>
                <span class="actions"><button type="button" class="secondary" aria-label=${`${t.insert}: ${r.title}`}
                  @click=${() => this.insert(fillReply(body, this.values))}>${t.insert}</button></span>
              </li>`;
            })}</ul>`
          : html`<p class="muted">${t.noSaved}</p>`}
    </div>`;
  }

  private toggle(panel: 'kb' | 'saved'): void {
    this.open = this.open === panel ? '' : panel;
    if (this.open === 'saved' && !this.replies) void this.loadSaved();
  }

  private async loadSaved(): Promise<void> {
    try {
      this.replies = (await this.api.request<{ replies: SavedReply[] }>('GET', '/api/console/saved-replies')).replies;
    } catch (error) {
      this.error = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error));
    }
  }

  private onSearch = (event: Event): void => {
    const q = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.searchTimer);
    if (!q) {
      this.results = undefined;
      return;
    }
    this.searchTimer = setTimeout(() => void this.search(q), 150);
  };

  private async search(q: string): Promise<void> {
    const seq = ++this.searchSeq;
    try {
      const params = new URLSearchParams({ q, locale: this.conversationLocale, limit: '5' });
      const response = await this.api.request<SearchResponse>('GET', `/api/kb/search?${params}`);
      if (seq === this.searchSeq) this.results = response.results;
    } catch (error) {
      this.error = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error));
    }
  }

  private insert(text: string): void {
    this.dispatchEvent(new ReplyInsertEvent(text));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-reply-tools': AtiendeReplyTools;
  }
}
