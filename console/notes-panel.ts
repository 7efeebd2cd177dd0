import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { ServerFrame } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import type { Note } from '../protocol/notes.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import type { ConsoleConnection } from './connection.ts';
import { FrameListener } from './frame-listener.ts';
import { clockTime } from './format.ts';
import { noteStrings } from './i18n-notes.ts';
import { base } from './styles.ts';

/**
 * A conversation's internal notes: the team's own remarks and requests for help (@agent, @team), never
 * shown to the visitor. Kept current from the console socket.
 *
 * @summary Internal notes of a conversation.
 */
@customElement('atiende-notes')
export class AtiendeNotes extends LitElement {
  static styles = [
    base,
    css`
      :host { display: grid; gap: 8px; }
      h4 { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; color: var(--console-muted); letter-spacing: 0.02em; }
      .help { font-size: 0.75rem; color: var(--console-muted); }
      ol { display: grid; gap: 8px; }
      li { padding: 8px 10px; border-radius: 8px; background: var(--console-warning-soft); border: 1px solid #f5dfb5; font-size: 0.875rem; }
      .who { display: flex; gap: 6px; font-size: 0.75rem; color: var(--console-muted); }
      .who strong { color: var(--console-text); }
      .body { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 2px; }
      .asked { font-size: 0.75rem; color: var(--console-muted); margin-top: 4px; }
      textarea { width: 100%; min-height: 60px; padding: 6px 8px; border: 1px solid var(--console-border); border-radius: 8px; font: inherit; resize: vertical; }
      button { min-height: 32px; padding: 0 10px; font-size: 0.8125rem; justify-self: start; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) connection!: ConsoleConnection;
  @property() conversationId = '';

  @state() private notes: Note[] = [];
  @state() private busy = false;
  @state() private error = '';

  protected readonly frames = new FrameListener(this, (frame) => this.onFrame(frame));

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') && this.conversationId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.notes = (await this.api.request<{ notes: Note[] }>('GET', `/api/console/conversations/${encodeURIComponent(this.conversationId)}/notes`)).notes;
    } catch (error) {
      this.error = noteStrings(this.locale).noteFailed(error instanceof ApiError ? error.message : String(error));
    }
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'note' && frame.note.conversationId === this.conversationId && !this.notes.some((n) => n.id === frame.note.id)) {
      this.notes = [...this.notes, frame.note];
    } else if (frame.type === 'mentions') {
      // Someone answered: the "answered" marks change.
      void this.load();
    }
  }

  render() {
    const t = noteStrings(this.locale);
    return html`<h4 id="notes-title">${t.notes}</h4>
      ${this.notes.length
        ? html`<ol aria-labelledby="notes-title">${this.notes.map((n) => html`<li data-note=${n.id}>
            <span class="who"><strong>${n.agentName}</strong><time datetime=${new Date(n.createdAt).toISOString()}>${clockTime(n.createdAt, this.locale)}</time></span>
            <p class="body">${n.body}</p>
            ${n.mentions.length
              ? html`<p class="asked">${t.mentioned(n.mentions.map((m) => `${m.name}${m.respondedAt ? ` (${t.answered})` : ''}`).join(', '))}</p>`
              : nothing}
          </li>`)}</ol>`
        : html`<p class="help">${t.noNotes}</p>`}
      <form @submit=${this.add}>
        <label class="visually-hidden" for="note">${t.noteLabel}</label>
        <textarea id="note" name="body" maxlength="4000" required placeholder=${t.noteLabel} aria-describedby="notes-help"></textarea>
        <p id="notes-help" class="help">${t.notesHelp}</p>
        <button type="submit" class="secondary" ?disabled=${this.busy}>${this.busy ? t.adding : t.addNote}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="help">${this.error}</p>` : nothing}</div>`;
  }

  private add = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = String(new FormData(form).get('body') ?? '').trim();
    if (!body) return;
    this.busy = true;
    try {
      const { note } = await this.api.request<{ note: Note }>('POST', `/api/console/conversations/${encodeURIComponent(this.conversationId)}/notes`, { body });
      if (!this.notes.some((n) => n.id === note.id)) this.notes = [...this.notes, note];
      form.reset();
      this.error = '';
    } catch (error) {
      this.error = noteStrings(this.locale).noteFailed(error instanceof ApiError ? error.message : String(error));
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-notes': AtiendeNotes;
  }
}
