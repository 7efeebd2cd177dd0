import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { StaffMember } from '../protocol/articles.ts';
import type { Locale } from '../protocol/locales.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { articleStrings } from './i18n-articles.ts';
import { base } from './styles.ts';

/**
 * The team, for admins: who may sign in with which role, and a form that adds an agent, an editor or
 * another admin with a temporary password.
 *
 * @summary Staff management.
 */
@customElement('atiende-team')
export class AtiendeTeam extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; overflow-y: auto; padding: 24px 28px; }
      h2 { font-size: 1.25rem; font-weight: 700; margin-bottom: 14px; }
      h3 { font-size: 1rem; font-weight: 700; margin: 24px 0 10px; }
      table { border-collapse: collapse; background: var(--console-surface); border: 1px solid var(--console-border); min-width: min(640px, 100%); }
      th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #edf0f4; font-size: 0.875rem; }
      th { font-size: 0.75rem; text-transform: uppercase; color: var(--console-muted); }
      form { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px 16px; max-width: 900px; align-items: end; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      input, select { min-height: 36px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface); font: inherit; color: var(--console-text); }
      .help { font-weight: 400; font-size: 0.75rem; }
      .notice { margin-top: 12px; max-width: 900px; }
      .notice.ok { background: #e7f6ee; color: var(--console-success); border: 1px solid #b7e4c7; }
    `,
  ];

  /** The interface language. */
  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;

  @state() private staff: StaffMember[] | undefined;
  @state() private message: { kind: 'ok' | 'error'; text: string } | undefined;
  @state() private busy = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  render() {
    const t = articleStrings(this.locale);
    return html`
      <h2>${t.teamTitle}</h2>
      ${this.staff
        ? html`<table aria-label=${t.teamTitle}>
            <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.role}</th></tr></thead>
            <tbody>${this.staff.map((m) => html`<tr><td>${m.name}</td><td>${m.email}</td><td>${t.roles[m.role] ?? m.role}</td></tr>`)}</tbody>
          </table>`
        : html`<p class="muted" role="status">${t.loadingTeam}</p>`}
      <h3 id="add-title">${t.addMember}</h3>
      <form aria-labelledby="add-title" @submit=${this.add}>
        <label>${t.name}<input name="name" required maxlength="100" autocomplete="off" /></label>
        <label>${t.email}<input name="email" type="email" required maxlength="200" autocomplete="off" /></label>
        <label>${t.role}<select name="role">
          ${(['editor', 'agent', 'admin'] as const).map((r) => html`<option value=${r}>${t.roles[r]}</option>`)}
        </select></label>
        <label>${t.password}<input name="password" type="password" required minlength="12" maxlength="200" autocomplete="new-password" />
          <span class="help">${t.passwordHelp}</span></label>
        <div><button type="submit" class="primary" ?disabled=${this.busy}>${t.add}</button></div>
      </form>
      <div role="status" aria-live="polite">${this.message ? html`<p class="notice ${this.message.kind}">${this.message.text}</p>` : nothing}</div>
    `;
  }

  private async load(): Promise<void> {
    try {
      this.staff = await this.api.staff();
    } catch {
      this.staff = [];
    }
  }

  private add = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const t = articleStrings(this.locale);
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    this.busy = true;
    try {
      const { member } = await this.api.addStaff({ name: data.name!, email: data.email!, role: data.role!, password: data.password! });
      this.message = { kind: 'ok', text: t.added(member.name) };
      form.reset();
      await this.load();
    } catch (error) {
      this.message = { kind: 'error', text: t.addFailed(error instanceof ApiError ? error.message : String(error)) };
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-team': AtiendeTeam;
  }
}
