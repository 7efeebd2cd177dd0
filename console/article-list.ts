import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';

import type { ArticleListItem } from '../protocol/articles.ts';
import { LOCALES, type Locale } from '../protocol/locales.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { clockTime } from './format.ts';
import { articleStrings, type ArticleStrings } from './i18n-articles.ts';
import { base } from './styles.ts';

/** The hash of an article's editor view. */
export const articleHash = (locale: string, slug: string) => `#/articles/${locale}/${slug.split('/').map(encodeURIComponent).join('/')}`;

/**
 * Every article in every language, filtered by language, status, category, missing or outdated
 * translation, and searched by text; each row links to its editor.
 *
 * @summary The editors' article list.
 */
@customElement('atiende-article-list')
export class AtiendeArticleList extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; overflow-y: auto; padding: 24px 28px; }
      .head { display: flex; align-items: center; gap: 16px; margin-bottom: 18px; }
      h2 { font-size: 1.25rem; font-weight: 700; }
      .head .primary { margin-left: auto; text-decoration: none; }
      form { display: flex; flex-wrap: wrap; gap: 12px 16px; align-items: end; margin-bottom: 16px; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      input[type='search'], select {
        min-height: 36px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface);
        font: inherit; color: var(--console-text);
      }
      input[type='search'] { min-width: 260px; }
      .check { display: flex; align-items: center; gap: 6px; font-weight: 500; color: var(--console-text); min-height: 36px; }
      table { width: 100%; border-collapse: collapse; background: var(--console-surface); border: 1px solid var(--console-border); border-radius: var(--console-radius); }
      th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid #edf0f4; font-size: 0.875rem; vertical-align: top; }
      th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--console-muted); }
      td a { font-weight: 600; text-decoration: none; }
      td a:hover { text-decoration: underline; }
      .slug { display: block; color: var(--console-muted); font-size: 0.8125rem; }
      .badge { display: inline-block; margin: 2px 4px 0 0; padding: 1px 8px; border-radius: 10px; font-size: 0.75rem; font-weight: 600; }
      .badge.published { background: #e7f6ee; color: var(--console-success); }
      .badge.draft { background: #eef0f4; color: #394150; }
      .badge.changes, .badge.outdated { background: var(--console-warning-soft); color: var(--console-warning); }
      .badge.missing { background: var(--console-danger-soft); color: var(--console-danger); }
      .count { margin: 0 0 8px; color: var(--console-muted); font-size: 0.875rem; }
      .state { padding: 20px 0; color: var(--console-muted); }
    `,
  ];

  /** The interface language. */
  @property() locale: Locale = 'es';
  /** The console's HTTP client. */
  @property({ attribute: false }) api!: ConsoleApi;
  /** Whether the signed-in role may create articles. */
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;

  @state() private items: ArticleListItem[] = [];
  @state() private categories: string[] = [];
  @state() private status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private filters: Record<string, string> = {};
  private request: AbortController | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.request?.abort();
    clearTimeout(this.searchTimer);
  }

  render() {
    const t = articleStrings(this.locale);
    return html`
      <div class="head">
        <h2 id="articles-title">${t.articlesTitle}</h2>
        ${this.canEdit ? html`<a class="primary" href="#/articles/new">${t.newArticle}</a>` : nothing}
      </div>
      ${this.canEdit ? nothing : html`<p class="notice warning">${t.readOnly}</p>`}
      <form role="search" @submit=${(e: Event) => e.preventDefault()} @change=${this.onFilter}>
        <label>${t.searchArticles}<input type="search" name="q" @input=${this.onSearchInput} /></label>
        <label>${t.filterLocale}
          <select name="locale">
            <option value="">${t.any}</option>
            ${LOCALES.map((l) => html`<option value=${l}>${t.languages[l]}</option>`)}
          </select>
        </label>
        <label>${t.filterStatus}
          <select name="status">
            <option value="">${t.any}</option>
            <option value="published">${t.statusPublished}</option>
            <option value="draft">${t.statusDraft}</option>
          </select>
        </label>
        <label>${t.filterCategory}
          <select name="category">
            <option value="">${t.any}</option>
            ${this.categories.map((c) => html`<option value=${c}>${c}</option>`)}
          </select>
        </label>
        <label class="check"><input type="checkbox" name="missing" />${t.missingOnly}</label>
        <label class="check"><input type="checkbox" name="outdated" />${t.outdatedOnly}</label>
      </form>
      ${this.renderItems(t)}
    `;
  }

  private renderItems(t: ArticleStrings) {
    if (this.status === 'loading' && !this.items.length) return html`<p class="state" role="status">${t.loadingArticles}</p>`;
    if (this.status === 'error') return html`<p class="notice error" role="alert">${t.loadFailed}</p>`;
    if (!this.items.length) return html`<p class="state" role="status">${t.noArticles}</p>`;
    return html`
      <p class="count" role="status">${t.articleCount(this.items.length)}</p>
      <table aria-labelledby="articles-title">
        <thead><tr><th scope="col">${t.columnTitle}</th><th scope="col">${t.columnLanguage}</th><th scope="col">${t.columnStatus}</th><th scope="col">${t.columnUpdated}</th></tr></thead>
        <tbody>
          ${repeat(this.items, (a) => `${a.locale}:${a.slug}`, (a) => html`<tr>
            <td><a href=${articleHash(a.locale, a.slug)} lang=${a.locale}>${a.title}</a><span class="slug">${a.slug}</span></td>
            <td>${t.languages[a.locale]}</td>
            <td>
              <span class="badge ${a.status}">${a.status === 'published' ? t.statusPublished : t.statusDraft}</span>
              ${a.status === 'published' && a.publishedVersion !== a.version ? html`<span class="badge changes">${t.unpublishedChanges}</span>` : nothing}
              ${a.missingTranslations.length ? html`<span class="badge missing">${t.missingBadge(a.missingTranslations.map((l) => t.languages[l]).join(', '))}</span>` : nothing}
              ${a.outdatedTranslation ? html`<span class="badge outdated">${t.outdatedBadge}</span>` : nothing}
            </td>
            <td>${t.updatedBy(clockTime(a.updatedAt, this.locale), a.updatedByName)}</td>
          </tr>`)}
        </tbody>
      </table>`;
  }

  private onSearchInput = (): void => {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.onFilter(), 250);
  };

  private onFilter = (): void => {
    const form = this.renderRoot.querySelector('form')!;
    const filters: Record<string, string> = {};
    for (const [key, value] of new FormData(form)) {
      if (typeof value !== 'string' || !value.trim()) continue;
      filters[key] = key === 'missing' || key === 'outdated' ? 'true' : value.trim();
    }
    this.filters = filters;
    void this.load();
  };

  private async load(): Promise<void> {
    this.request?.abort();
    const controller = new AbortController();
    this.request = controller;
    this.status = 'loading';
    try {
      const { articles, categories } = await this.api.articles(this.filters, controller.signal);
      if (controller.signal.aborted) return;
      this.items = articles;
      this.categories = categories;
      this.status = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) this.dispatchEvent(new Event('session-ended', { bubbles: true, composed: true }));
      this.status = 'error';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-article-list': AtiendeArticleList;
  }
}
