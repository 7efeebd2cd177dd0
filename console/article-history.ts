import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { DiffLine, DiffResponse, RevisionSummary } from '../protocol/articles.ts';
import type { Locale } from '../protocol/locales.ts';
import type { ConsoleApi } from './api.ts';
import { clockTime } from './format.ts';
import { articleStrings } from './i18n-articles.ts';
import { base } from './styles.ts';

/** Asks the editor to restore a revision (the editor owns the article and its version). */
export class RestoreRequestEvent extends Event {
  constructor(readonly version: number) {
    super('restore-request', { bubbles: true, composed: true });
  }
}

/** A diff line's text with its changed words marked; all of it text, never HTML. */
function markedLine(line: DiffLine) {
  const parts = [];
  let at = 0;
  for (const [start, end] of line.changes) {
    parts.push(line.text.slice(at, start));
    parts.push(html`<mark>${line.text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(line.text.slice(at));
  return parts;
}

/**
 * An article's revisions, newest first: who saved each and when, a readable diff of any of them
 * against the current version, and a button to restore one.
 *
 * @summary Article history with diff and restore.
 * @fires restore-request - The editor pressed "Restore this version".
 */
@customElement('atiende-article-history')
export class AtiendeArticleHistory extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      li { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 8px 0; border-bottom: 1px solid #edf0f4; font-size: 0.875rem; }
      li span { flex: 1; min-width: 200px; }
      .secondary { min-height: 30px; padding: 0 10px; font-size: 0.8125rem; }
      .diff { margin-top: 12px; border: 1px solid var(--console-border); border-radius: 8px; overflow: auto; max-height: 420px; }
      .diff h4 { margin: 0; padding: 8px 12px; font-size: 0.875rem; background: var(--console-subtle); border-bottom: 1px solid var(--console-border); }
      .diff p.sum { padding: 6px 12px; font-size: 0.8125rem; color: var(--console-muted); }
      pre { margin: 0; padding: 4px 0; font-size: 0.8125rem; line-height: 1.5; }
      .line { display: block; padding: 0 12px; white-space: pre-wrap; word-break: break-word; }
      .line.added { background: #e9f8ef; }
      .line.removed { background: #fdeceb; }
      .line.added mark { background: #b7ebc9; color: inherit; }
      .line.removed mark { background: #f8c4bf; color: inherit; }
      .sign { display: inline-block; width: 1.5em; color: var(--console-muted); user-select: none; }
    `,
  ];

  /** The interface language. */
  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  /** The article whose history this is. */
  @property({ attribute: false }) article!: { locale: Locale; slug: string; version: number };
  /** Whether the signed-in role may restore. */
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;

  @state() private revisions: RevisionSummary[] = [];
  @state() private diff: DiffResponse | undefined;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('article')) void this.load();
  }

  render() {
    const t = articleStrings(this.locale);
    return html`
      <ul>
        ${this.revisions.map((r) => html`<li>
          <span>${t.revisionBy(r.version, `${r.authorName} (${t.actions[r.action] ?? r.action})`, clockTime(r.createdAt, this.locale))}</span>
          ${r.version !== this.article.version
            ? html`<button type="button" class="secondary" @click=${() => this.compare(r.version)}>${t.compare}</button>
                ${this.canEdit ? html`<button type="button" class="secondary" @click=${() => this.dispatchEvent(new RestoreRequestEvent(r.version))}>${t.restore}</button>` : nothing}`
            : nothing}
        </li>`)}
      </ul>
      ${this.diff
        ? html`<section class="diff" aria-label=${t.diffTitle(this.diff.from, this.diff.to)}>
            <h4>${t.diffTitle(this.diff.from, this.diff.to)}</h4>
            <p class="sum">${t.diffSummary(this.diff.added, this.diff.removed)}</p>
            <pre>${this.diff.lines.map((l) => html`<span class="line ${l.type}"><span class="sign" aria-label=${l.type === 'added' ? t.addedLine : l.type === 'removed' ? t.removedLine : nothing}>${l.type === 'added' ? '+' : l.type === 'removed' ? '−' : ' '}</span>${markedLine(l)}</span>`)}</pre>
            <p class="sum"><button type="button" class="secondary" @click=${() => (this.diff = undefined)}>${t.closeDiff}</button></p>
          </section>`
        : nothing}
    `;
  }

  private async load(): Promise<void> {
    this.diff = undefined;
    this.revisions = await this.api.revisions(this.article.locale, this.article.slug);
  }

  private async compare(version: number): Promise<void> {
    this.diff = await this.api.diff(this.article.locale, this.article.slug, version, this.article.version);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-article-history': AtiendeArticleHistory;
  }
}
