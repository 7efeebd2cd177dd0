import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { ServerFrame } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import type { ReplyDraft } from '../protocol/review.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import type { ConsoleConnection } from './connection.ts';
import { FrameListener } from './frame-listener.ts';
import { noteStrings } from './i18n-notes.ts';
import { MAX_MESSAGE_LENGTH } from '../protocol/limits.ts';
import { base } from './styles.ts';

/**
 * For team leads (and admins), above the inbox: trainees' replies waiting for approval. The lead may edit
 * the text, then approve (it is sent as the trainee's message) or reject it.
 *
 * @summary Replies waiting for a lead's approval.
 */
@customElement('atiende-review-queue')
export class AtiendeReviewQueue extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      section { padding: 10px 20px; border-bottom: 1px solid var(--console-border); background: var(--console-warning-soft); }
      h3 { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; color: var(--console-warning); margin-bottom: 6px; }
      ul { display: grid; gap: 10px; }
      form { display: grid; gap: 6px; }
      .who { font-size: 0.8125rem; font-weight: 600; }
      .who a { color: inherit; }
      textarea { width: 100%; min-height: 56px; padding: 6px 8px; border: 1px solid var(--console-border); border-radius: 8px; font: inherit; resize: vertical; }
      .actions { display: flex; gap: 6px; }
      .actions button { min-height: 30px; padding: 0 10px; font-size: 0.8125rem; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) connection!: ConsoleConnection;
  @state() private drafts: ReplyDraft[] = [];
  @state() private error = '';

  protected readonly frames = new FrameListener(this, (frame) => this.onFrame(frame));

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.drafts = (await this.api.request<{ drafts: ReplyDraft[] }>('GET', '/api/console/reviews').catch(() => ({ drafts: this.drafts }))).drafts;
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'reviews' || frame.type === 'ready') void this.load();
  }

  render() {
    if (!this.drafts.length) return nothing;
    const t = noteStrings(this.locale);
    return html`<section aria-labelledby="reviews-title">
      <h3 id="reviews-title">${t.reviews}</h3>
      <ul>${this.drafts.map((d) => html`<li data-draft=${d.id}>
        <form @submit=${(e: SubmitEvent) => this.approve(e, d)}>
          <span class="who"><a href="#/conversations/${encodeURIComponent(d.conversationId)}">${t.draftOf(d.authorName, d.visitorName || t.aVisitor)}</a> · ${d.teamName}</span>
          <label class="visually-hidden" for="draft-${d.id}">${t.draftOf(d.authorName, d.visitorName || t.aVisitor)}</label>
          <textarea id="draft-${d.id}" name="body" required maxlength=${MAX_MESSAGE_LENGTH} .value=${d.body}></textarea>
          <span class="actions">
            <button type="submit" class="primary">${t.approve}</button>
            <button type="button" class="secondary" @click=${() => this.reject(d)}>${t.reject}</button>
          </span>
        </form>
      </li>`)}</ul>
      <div role="alert">${this.error ? html`<p>${this.error}</p>` : nothing}</div>
    </section>`;
  }

  private async approve(event: SubmitEvent, draft: ReplyDraft): Promise<void> {
    event.preventDefault();
    const body = String(new FormData(event.target as HTMLFormElement).get('body') ?? '');
    await this.act(() => this.api.request('POST', `/api/console/reviews/${draft.id}/approve`, { body }));
  }

  private async reject(draft: ReplyDraft): Promise<void> {
    await this.act(() => this.api.request('POST', `/api/console/reviews/${draft.id}/reject`, {}));
  }

  private async act(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
      this.error = '';
      await this.load();
    } catch (error) {
      this.error = noteStrings(this.locale).reviewFailed(error instanceof ApiError ? error.message : String(error));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-review-queue': AtiendeReviewQueue;
  }
}
