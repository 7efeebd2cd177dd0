import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { Locale } from '../protocol/locales.ts';
import type { SavedReply } from '../protocol/saved-replies.ts';
import type { Team } from '../protocol/routing.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { base } from './styles.ts';

const STRINGS = {
  en: {
    title: 'Saved replies',
    intro: 'Agents insert them from the conversation, in the visitor’s language. Fields: {name} (the visitor’s name; dropped when unknown), {email}, {agent}.',
    none: 'No saved replies yet.', forEveryone: 'Everyone', team: 'For', name: 'Title', es: 'Spanish text', en: 'English text',
    add: 'Add reply', save: 'Save changes', edit: 'Edit', cancel: 'Cancel', remove: 'Delete',
    failed: (why: string) => `That did not work: ${why}`,
  },
  es: {
    title: 'Respuestas guardadas',
    intro: 'Los agentes las insertan desde la conversación, en el idioma del visitante. Campos: {name} (el nombre del visitante; se quita si no se sabe), {email}, {agent}.',
    none: 'Aún no hay respuestas guardadas.', forEveryone: 'Todos', team: 'Para', name: 'Título', es: 'Texto en español', en: 'Texto en inglés',
    add: 'Añadir respuesta', save: 'Guardar cambios', edit: 'Editar', cancel: 'Cancelar', remove: 'Borrar',
    failed: (why: string) => `No se pudo: ${why}`,
  },
} satisfies Record<Locale, unknown>;

/**
 * Saved replies for admins: per team or for everyone, each in Spanish and English.
 *
 * @summary Saved replies administration.
 */
@customElement('atiende-saved-replies')
export class AtiendeSavedReplies extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; max-width: 980px; margin-top: 28px; }
      h3 { font-size: 1.0625rem; font-weight: 700; margin-bottom: 6px; }
      p.intro { color: var(--console-muted); max-width: 760px; }
      ul { display: grid; gap: 6px; margin: 10px 0; }
      li { display: flex; gap: 10px; align-items: center; padding: 8px 12px; background: var(--console-surface); border: 1px solid var(--console-border); border-radius: 8px; }
      li .t { flex: 1; font-size: 0.875rem; }
      li button { min-height: 30px; padding: 0 10px; font-size: 0.8125rem; }
      form { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 14px; margin-top: 10px; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      input, select, textarea { min-height: 34px; padding: 4px 10px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface); font: inherit; color: var(--console-text); }
      textarea { min-height: 80px; resize: vertical; }
      .buttons { grid-column: 1 / -1; display: flex; gap: 8px; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) teams: Team[] = [];
  @state() private replies: SavedReply[] = [];
  @state() private editing: SavedReply | undefined;
  @state() private error = '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.replies = (await this.api.request<{ replies: SavedReply[] }>('GET', '/api/console/saved-replies')).replies;
    } catch (error) {
      this.error = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error));
    }
  }

  render() {
    const t = STRINGS[this.locale];
    const e = this.editing;
    return html`<h3 id="saved-title">${t.title}</h3>
      <p class="intro">${t.intro}</p>
      ${this.replies.length
        ? html`<ul aria-labelledby="saved-title">${this.replies.map((r) => html`<li data-reply=${r.title}>
            <span class="t"><strong>${r.title}</strong> · ${r.teamName ?? t.forEveryone}</span>
            ${r.editable ? html`<button type="button" class="secondary" @click=${() => (this.editing = r)}>${t.edit}</button>
              <button type="button" class="danger" @click=${() => this.deleteReply(r)}>${t.remove}</button>` : nothing}
          </li>`)}</ul>`
        : html`<p class="intro">${t.none}</p>`}
      <form aria-label=${e ? `${t.edit}: ${e.title}` : t.add} @submit=${this.save}>
        <label>${t.name}<input name="title" required maxlength="120" .value=${e?.title ?? ''} /></label>
        <label>${t.team}<select name="teamId">
          <option value="" ?selected=${!e?.teamId}>${t.forEveryone}</option>
          ${this.teams.map((x) => html`<option value=${x.id} ?selected=${e?.teamId === x.id}>${x.name}</option>`)}
        </select></label>
        <label>${t.es}<textarea name="bodyEs" required maxlength="4000" .value=${e?.bodyEs ?? ''}></textarea></label>
        <label>${t.en}<textarea name="bodyEn" required maxlength="4000" .value=${e?.bodyEn ?? ''}></textarea></label>
        <div class="buttons">
          <button type="submit" class="primary">${e ? t.save : t.add}</button>
          ${e ? html`<button type="button" class="secondary" @click=${() => (this.editing = undefined)}>${t.cancel}</button>` : nothing}
        </div>
      </form>
      <div role="alert">${this.error ? html`<p class="intro">${this.error}</p>` : nothing}</div>`;
  }

  private save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = {
      teamId: String(data.get('teamId') ?? '') || null, title: String(data.get('title') ?? ''),
      bodyEs: String(data.get('bodyEs') ?? ''), bodyEn: String(data.get('bodyEn') ?? ''),
    };
    try {
      await this.api.request('POST', this.editing ? `/api/console/saved-replies/${this.editing.id}` : '/api/console/saved-replies', body);
      this.editing = undefined;
      form.reset();
      this.error = '';
      await this.load();
    } catch (error) {
      this.error = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error));
    }
  };

  private async deleteReply(reply: SavedReply): Promise<void> {
    try {
      await this.api.request('DELETE', `/api/console/saved-replies/${reply.id}`);
      await this.load();
    } catch (error) {
      this.error = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-saved-replies': AtiendeSavedReplies;
  }
}
