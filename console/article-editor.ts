import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

import type { ArticleFields, EditorArticle } from '../protocol/articles.ts';
import { LOCALES, type Locale } from '../protocol/locales.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { articleHash } from './article-list.ts';
import type { RestoreRequestEvent } from './article-history.ts';
import { articleStrings, type ArticleStrings } from './i18n-articles.ts';
import { base } from './styles.ts';

import './article-history.ts';

interface Form {
  slug: string;
  locale: Locale;
  title: string;
  summary: string;
  category: string;
  tags: string;
  paths: string;
  body: string;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const formOf = (a: EditorArticle): Form => ({
  slug: a.slug, locale: a.locale, title: a.title, summary: a.summary, category: a.category, tags: a.tags.join(', '), paths: a.paths.join(', '), body: a.body,
});

/**
 * One article in one language: its front matter as form fields, the markdown beside a live preview
 * rendered by the server exactly as the widget shows it, image upload, save, publish and unpublish,
 * the other language's version side by side, and the history with diffs and restores. A save that
 * meets someone else's newer version keeps the editor's text and says who saved.
 *
 * @summary The article editor.
 */
@customElement('atiende-article-editor')
export class AtiendeArticleEditor extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; overflow-y: auto; padding: 20px 28px 40px; }
      .top { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin-bottom: 14px; }
      .top h2 { font-size: 1.25rem; font-weight: 700; margin-right: auto; }
      .meta { color: var(--console-muted); font-size: 0.875rem; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; }
      .grid.single { grid-template-columns: minmax(0, 1fr); }
      .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 16px; margin-bottom: 14px; }
      .fields .wide { grid-column: 1 / -1; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      input, select, textarea {
        min-height: 36px; padding: 6px 10px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface);
        font: inherit; font-size: 0.9375rem; color: var(--console-text);
      }
      textarea { min-height: 360px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; line-height: 1.55; resize: vertical; }
      .help { font-weight: 400; font-size: 0.75rem; }
      .pane { display: grid; gap: 8px; align-content: start; min-width: 0; }
      .pane h3 { font-size: 0.9375rem; font-weight: 700; }
      .preview {
        min-height: 360px; padding: 14px 18px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface);
        overflow-wrap: anywhere;
      }
      .preview img { max-width: 100%; height: auto; }
      .preview h1, .preview h2, .preview h3 { margin: 0.8em 0 0.4em; }
      .preview p, .preview ul, .preview ol { margin: 0 0 0.75em; }
      .preview ul { list-style: disc; padding-left: 1.4em; }
      .preview ol { padding-left: 1.4em; }
      .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin: 16px 0; }
      .upload input { position: absolute; width: 1px; height: 1px; opacity: 0; }
      .upload span { display: inline-flex; align-items: center; min-height: 34px; padding: 0 12px; border: 1px dashed var(--console-border); border-radius: 8px; cursor: pointer; color: var(--console-text); font-weight: 600; }
      .upload input:focus-visible + span { outline: 2px solid var(--console-accent); outline-offset: 2px; }
      .notice { margin: 8px 0; }
      .notice.ok { background: #e7f6ee; color: var(--console-success); border: 1px solid #b7e4c7; }
      .translation pre { white-space: pre-wrap; word-break: break-word; font-size: 0.8125rem; padding: 10px; background: var(--console-subtle); border-radius: 8px; max-height: 420px; overflow: auto; }
      .translation dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; font-size: 0.875rem; }
      .translation dt { color: var(--console-muted); }
      details { margin-top: 20px; border-top: 1px solid var(--console-border); padding-top: 12px; }
      summary { cursor: pointer; font-weight: 700; }
      @media (max-width: 1100px) { .grid, .fields { grid-template-columns: minmax(0, 1fr); } }
    `,
  ];

  /** The interface language. */
  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  /** Whether the signed-in role may change articles. */
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;
  /** The article's language and slug; no slug means a new article. */
  @property({ attribute: false }) articleLocale: Locale = 'es';
  @property({ attribute: false }) slug: string | undefined;
  /** A new article's starting values (`#articles/new?locale=es&title=…&slug=…`). */
  @property({ attribute: false }) prefill: URLSearchParams = new URLSearchParams();

  @state() private article: EditorArticle | undefined;
  @state() private translations: EditorArticle[] = [];
  @state() private form: Form = { slug: '', locale: 'es', title: '', summary: '', category: '', tags: '', paths: '', body: '' };
  @state() private dirty = false;
  @state() private busy: '' | 'saving' | 'publishing' | 'uploading' = '';
  @state() private message: { kind: 'ok' | 'error'; text: string } | undefined;
  @state() private conflict: EditorArticle | undefined;
  @state() private previewHtml = '';
  @state() private previewFailed = false;
  @state() private loadStatus: 'loading' | 'ready' | 'missing' | 'error' = 'loading';
  @state() private showTranslation = false;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private previewRequest: AbortController | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    if (this.slug) {
      void this.load();
    } else {
      const locale = this.prefill.get('locale');
      this.form = {
        ...this.form,
        locale: LOCALES.includes(locale as Locale) ? (locale as Locale) : this.articleLocale,
        slug: this.prefill.get('slug') ?? '',
        title: this.prefill.get('title') ?? '',
        category: this.prefill.get('category') ?? '',
      };
      this.loadStatus = 'ready';
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.previewTimer);
    this.previewRequest?.abort();
  }

  render() {
    const t = articleStrings(this.locale);
    if (this.loadStatus === 'loading') return html`<p class="muted" role="status">${t.loadingArticle}</p>`;
    if (this.loadStatus === 'missing') return html`<p class="notice error" role="alert">${t.articleNotFound}</p><p><a href="#/articles">${t.backToArticles}</a></p>`;
    if (this.loadStatus === 'error') return html`<p class="notice error" role="alert">${t.loadFailed}</p>`;
    const a = this.article;
    const other = LOCALES.find((l) => l !== (a?.locale ?? this.form.locale))!;
    const translation = this.translations.find((x) => x.locale === other);
    const disabled = !this.canEdit || this.busy !== '';
    return html`
      <p><a href="#/articles">${t.backToArticles}</a></p>
      <div class="top">
        <h2 lang=${a?.locale ?? this.form.locale}>${a ? a.title : t.newArticleTitle}</h2>
        ${a
          ? html`<span class="meta">${t.statusLine(a.status === 'published' ? t.statusPublished : t.statusDraft, a.version)}${a.publishedVersion
              ? html` · ${t.liveVersion(a.publishedVersion)}` : nothing}${this.dirty ? html` · <strong>${t.unsaved}</strong>` : nothing}</span>`
          : nothing}
        ${a ? html`<button type="button" class="secondary" aria-pressed=${this.showTranslation ? 'true' : 'false'} @click=${() => (this.showTranslation = !this.showTranslation)}>
          ${this.showTranslation ? t.hideTranslation : t.showTranslation}</button>` : nothing}
      </div>
      ${this.canEdit ? nothing : html`<p class="notice warning">${t.readOnly}</p>`}
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice ${this.message.kind}">${this.message.text}</p>` : nothing}</div>
      ${this.conflict
        ? html`<div class="notice error" role="alert">
            <p>${t.conflict(this.conflict.updatedByName, this.conflict.version)}</p>
            <p><button type="button" class="secondary" @click=${this.loadTheirs}>${t.loadTheirs}</button></p>
          </div>`
        : nothing}
      <div class="grid ${this.showTranslation ? '' : 'single'}">
        <div>
          <form @input=${this.onInput} @submit=${this.onSubmit}>
            <div class="fields">
              ${a
                ? nothing
                : html`<label>${t.slug}<input name="slug" required .value=${this.form.slug} ?disabled=${disabled} autocomplete="off" spellcheck="false" />
                      <span class="help">${t.slugHelp}</span></label>
                    <label>${t.locale}<select name="locale" ?disabled=${disabled}>
                      ${LOCALES.map((l) => html`<option value=${l} ?selected=${this.form.locale === l}>${t.languages[l]}</option>`)}
                    </select></label>`}
              <label class="wide">${t.title}<input name="title" required .value=${this.form.title} ?disabled=${disabled} /></label>
              <label class="wide">${t.summary}<input name="summary" .value=${this.form.summary} ?disabled=${disabled} /></label>
              <label>${t.category}<input name="category" .value=${this.form.category} ?disabled=${disabled} /></label>
              <label>${t.tags}<input name="tags" .value=${this.form.tags} ?disabled=${disabled} /><span class="help">${t.tagsHelp}</span></label>
              <label class="wide">${t.paths}<input name="paths" .value=${this.form.paths} ?disabled=${disabled} /><span class="help">${t.pathsHelp}</span></label>
            </div>
            <div class="grid">
              <div class="pane">
                <label>${t.body}<textarea name="body" .value=${this.form.body} ?disabled=${disabled} spellcheck="true" lang=${a?.locale ?? this.form.locale}></textarea></label>
                ${this.canEdit
                  ? html`<label class="upload"><input type="file" accept="image/png,image/jpeg,image/gif,image/webp" @change=${this.onImage} ?disabled=${disabled} /><span>${this.busy === 'uploading' ? t.uploading : t.insertImage}</span></label>`
                  : nothing}
              </div>
              <section class="pane" aria-labelledby="preview-title">
                <h3 id="preview-title">${t.preview} <span class="help muted">${t.previewHelp}</span></h3>
                ${this.previewFailed ? html`<p class="notice error">${t.previewFailed}</p>` : nothing}
                <div class="preview" lang=${a?.locale ?? this.form.locale} data-testid="preview">${unsafeHTML(this.previewHtml)}</div>
              </section>
            </div>
            ${this.canEdit
              ? html`<div class="actions">
                  <button type="submit" class="secondary" ?disabled=${disabled}>${this.busy === 'saving' ? t.saving : a ? t.save : t.create}</button>
                  ${a ? html`<button type="button" class="primary" ?disabled=${disabled} @click=${this.publish}>${this.busy === 'publishing' ? t.publishing : t.publish}</button>` : nothing}
                  ${a?.status === 'published' ? html`<button type="button" class="danger" ?disabled=${disabled} @click=${this.unpublish}>${t.unpublish}</button>` : nothing}
                </div>`
              : nothing}
          </form>
          ${a
            ? html`<details @toggle=${(e: Event) => this.requestUpdate()}>
                <summary>${t.history}</summary>
                <atiende-article-history .locale=${this.locale} .api=${this.api} .article=${{ locale: a.locale, slug: a.slug, version: a.version }}
                  ?can-edit=${this.canEdit} @restore-request=${this.onRestore}></atiende-article-history>
              </details>`
            : nothing}
        </div>
        ${this.showTranslation && a ? this.renderTranslation(t, other, translation) : nothing}
      </div>
    `;
  }

  private renderTranslation(t: ArticleStrings, other: Locale, translation: EditorArticle | undefined) {
    const a = this.article!;
    return html`<section class="pane translation" aria-labelledby="translation-title" lang=${other}>
      <h3 id="translation-title">${t.translation}: ${t.languages[other]}</h3>
      ${translation
        ? html`
            ${translation.updatedAt < a.updatedAt ? html`<p class="notice warning">${t.outdatedTranslationNotice}</p>` : nothing}
            <dl>
              <dt>${t.title}</dt><dd>${translation.title}</dd>
              <dt>${t.summary}</dt><dd>${translation.summary}</dd>
              <dt>${t.columnStatus}</dt><dd>${translation.status === 'published' ? t.statusPublished : t.statusDraft} · ${translation.version}</dd>
            </dl>
            <pre tabindex="0" aria-labelledby="translation-title">${translation.body}</pre>
            <p><a href=${articleHash(other, a.slug)}>${t.title}: ${translation.title}</a></p>`
        : html`<p>${t.noTranslation(t.languages[other])}</p>
            ${this.canEdit
              ? html`<p><a href=${`#/articles/new?${new URLSearchParams({ locale: other, slug: a.slug, category: a.category })}`}>${t.writeTranslation(t.languages[other])}</a></p>`
              : nothing}`}
    </section>`;
  }

  // ---- loading and preview ------------------------------------------------------------------------

  private async load(): Promise<void> {
    try {
      const { article, translations } = await this.api.article(this.articleLocale, this.slug!);
      this.show(article, translations);
      this.loadStatus = 'ready';
    } catch (error) {
      this.loadStatus = error instanceof ApiError && error.status === 404 ? 'missing' : 'error';
    }
  }

  private show(article: EditorArticle, translations?: EditorArticle[]): void {
    this.article = article;
    if (translations) this.translations = translations;
    this.form = formOf(article);
    this.dirty = false;
    this.conflict = undefined;
    this.schedulePreview(0);
  }

  private schedulePreview(delay = 250): void {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.refreshPreview(), delay);
  }

  private async refreshPreview(): Promise<void> {
    this.previewRequest?.abort();
    const controller = new AbortController();
    this.previewRequest = controller;
    try {
      this.previewHtml = await this.api.preview(this.article?.locale ?? this.form.locale, this.form.body, controller.signal);
      this.previewFailed = false;
    } catch {
      if (!controller.signal.aborted) this.previewFailed = true;
    }
  }

  // ---- editing --------------------------------------------------------------------------------------

  private onInput = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    if (!target.name || target.type === 'file') return;
    this.form = { ...this.form, [target.name]: target.value };
    this.dirty = true;
    this.message = undefined;
    if (target.name === 'body' || target.name === 'locale') this.schedulePreview();
  };

  private fields(): ArticleFields {
    return {
      title: this.form.title, summary: this.form.summary, category: this.form.category, tags: list(this.form.tags), paths: list(this.form.paths),
      extra: this.article?.extra ?? {}, body: this.form.body,
    };
  }

  private onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    await this.save();
  };

  /** Saves (or creates); true when the text is stored. */
  private async save(): Promise<boolean> {
    const t = articleStrings(this.locale);
    this.busy = 'saving';
    this.message = undefined;
    try {
      const a = this.article;
      const response = a
        ? await this.api.saveArticle({ locale: a.locale, slug: a.slug, version: a.version, ...this.fields() })
        : await this.api.createArticle({ locale: this.form.locale, slug: this.form.slug.trim(), ...this.fields() });
      if (!a) history.replaceState(null, '', articleHash(response.article.locale, response.article.slug));
      this.show(response.article, response.translations);
      this.message = { kind: 'ok', text: t.saved };
      return true;
    } catch (error) {
      this.failed(error, t);
      return false;
    } finally {
      this.busy = '';
    }
  }

  private failed(error: unknown, t: ArticleStrings): void {
    if (error instanceof ApiError && error.code === 'ATIENDE_ERR_CONFLICT' && error.current) {
      this.conflict = error.current;
      return;
    }
    this.message = { kind: 'error', text: t.saveFailed(error instanceof ApiError && error.status ? error.message : t.loadFailed) };
  }

  private loadTheirs = (): void => {
    if (this.conflict) this.show(this.conflict);
  };

  private publish = async (): Promise<void> => {
    const t = articleStrings(this.locale);
    if (this.dirty && !(await this.save())) return;
    const a = this.article!;
    this.busy = 'publishing';
    try {
      const response = await this.api.publish(a.locale, a.slug, a.version);
      this.show(response.article, response.translations);
      this.message = { kind: 'ok', text: t.published };
    } catch (error) {
      this.failed(error, t);
    } finally {
      this.busy = '';
    }
  };

  private unpublish = async (): Promise<void> => {
    const t = articleStrings(this.locale);
    const a = this.article!;
    this.busy = 'publishing';
    try {
      const response = await this.api.unpublish(a.locale, a.slug);
      this.article = response.article;
      this.message = { kind: 'ok', text: t.unpublished };
    } catch (error) {
      this.failed(error, t);
    } finally {
      this.busy = '';
    }
  };

  private onRestore = async (event: RestoreRequestEvent): Promise<void> => {
    const t = articleStrings(this.locale);
    const a = this.article!;
    try {
      const response = await this.api.restore(a.locale, a.slug, event.version, a.version);
      this.show(response.article, response.translations);
      this.message = { kind: 'ok', text: t.restored(event.version) };
    } catch (error) {
      this.failed(error, t);
    }
  };

  private onImage = async (event: Event): Promise<void> => {
    const t = articleStrings(this.locale);
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.busy = 'uploading';
    try {
      const { url } = await this.api.uploadImage(file);
      const textarea = this.renderRoot.querySelector('textarea')!;
      const at = textarea.selectionStart ?? this.form.body.length;
      const alt = file.name.replace(/\.[^.]+$/, '').replace(/[[\]]/g, '');
      // Absolute, so the widget shows it on the sites that embed it too.
      const markdown = `![${alt}](${location.origin}${url})`;
      this.form = { ...this.form, body: `${this.form.body.slice(0, at)}${markdown}${this.form.body.slice(at)}` };
      this.dirty = true;
      this.message = { kind: 'ok', text: t.imageInserted };
      this.schedulePreview(0);
    } catch (error) {
      this.message = { kind: 'error', text: t.imageFailed(error instanceof ApiError ? error.message : String(error)) };
    } finally {
      this.busy = '';
      input.value = '';
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-article-editor': AtiendeArticleEditor;
  }
}
