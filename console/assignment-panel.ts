import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { ConversationSummary } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import type { Assignment, AssignmentEvent, Team } from '../protocol/routing.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { clockTime } from './format.ts';
import { routingStrings, type RoutingStrings } from './i18n-routing.ts';
import { base } from './styles.ts';
import { routingApi } from './routing-api.ts';

/**
 * Who has a conversation: its team and agent, "take it", assign to another agent, transfer to another
 * team with a note, and the history of hands it went through.
 *
 * @summary A conversation's assignment.
 */
@customElement('atiende-assignment')
export class AtiendeAssignment extends LitElement {
  static styles = [
    base,
    css`
      :host { display: grid; gap: 10px; }
      h4 { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; color: var(--console-muted); letter-spacing: 0.02em; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 10px; font-size: 0.875rem; }
      dt { color: var(--console-muted); }
      dd { font-weight: 600; }
      form { display: grid; gap: 6px; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      select, textarea { min-height: 32px; padding: 4px 8px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface); font: inherit; color: var(--console-text); }
      textarea { resize: vertical; min-height: 52px; }
      .row { display: flex; gap: 6px; }
      .row select { flex: 1; min-width: 0; }
      button { min-height: 32px; padding: 0 10px; font-size: 0.8125rem; }
      ol { display: grid; gap: 4px; font-size: 0.8125rem; color: var(--console-muted); }
      .note { color: var(--console-text); font-style: italic; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @property() conversationId = '';
  /** The signed-in agent's id. */
  @property() agentId = '';
  /** The conversation's summary: a change of team or assignee reloads the history. */
  @property({ attribute: false }) summary?: ConversationSummary;
  @property({ type: Boolean }) open = true;

  @state() private assignment: Assignment | undefined;
  @state() private teams: Team[] = [];
  @state() private error = '';
  @state() private busy = false;

  private get calls() {
    return routingApi(this.api);
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId')) void this.load(true);
    else if (changed.has('summary')) {
      const before = changed.get('summary') as ConversationSummary | undefined;
      if (before && (before.team?.id !== this.summary?.team?.id || before.assignee?.id !== this.summary?.assignee?.id)) void this.load(false);
    }
  }

  private async load(withTeams: boolean): Promise<void> {
    try {
      const [assignment, teams] = await Promise.all([
        this.calls.assignment(this.conversationId),
        withTeams || !this.teams.length ? this.calls.teams().then((r) => r.teams) : Promise.resolve(this.teams),
      ]);
      this.assignment = assignment;
      this.teams = teams;
    } catch (error) {
      this.error = routingStrings(this.locale).failed(error instanceof ApiError ? error.message : String(error));
    }
  }

  private async act(run: () => Promise<Assignment>): Promise<boolean> {
    this.busy = true;
    try {
      this.assignment = await run();
      this.error = '';
      return true;
    } catch (error) {
      this.error = routingStrings(this.locale).failed(error instanceof ApiError ? error.message : String(error));
      return false;
    } finally {
      this.busy = false;
    }
  }

  render() {
    const t = routingStrings(this.locale);
    const a = this.assignment;
    if (!a) return html`<h4>${t.assignment}</h4>${this.error ? html`<p role="alert">${this.error}</p>` : nothing}`;
    const teamName = a.teamId ? this.teams.find((x) => x.id === a.teamId)?.name ?? '?' : t.generalQueue;
    const agents = new Map<string, string>();
    for (const team of this.teams) for (const m of team.members) agents.set(m.agentId, m.name);
    const assigneeName = a.assigneeId ? agents.get(a.assigneeId) ?? this.summary?.assignee?.name ?? '?' : t.nobody;
    return html`
      <h4 id="assignment-title">${t.assignment}</h4>
      <dl aria-labelledby="assignment-title">
        <dt>${t.team}</dt><dd data-team>${teamName}</dd>
        <dt>${t.assignee}</dt><dd data-assignee>${assigneeName}</dd>
      </dl>
      ${this.open
        ? html`
          ${a.assigneeId !== this.agentId
            ? html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.act(() => this.calls.claim(this.conversationId))}>${t.claim}</button>`
            : nothing}
          ${agents.size
            ? html`<form @submit=${this.assign}>
                <label for="assign-to">${t.assignTo}</label>
                <div class="row">
                  <select id="assign-to" name="agentId">${[...agents].filter(([id]) => id !== a.assigneeId).map(([id, name]) => html`<option value=${id}>${name}</option>`)}</select>
                  <button type="submit" class="secondary" ?disabled=${this.busy}>${t.assign}</button>
                </div>
              </form>`
            : nothing}
          <form @submit=${this.transfer}>
            <label for="transfer-to">${t.transferTo}</label>
            <select id="transfer-to" name="teamId">
              ${this.teams.filter((x) => x.id !== a.teamId).map((x) => html`<option value=${x.id}>${x.name}</option>`)}
              ${a.teamId ? html`<option value="">${t.generalQueue}</option>` : nothing}
            </select>
            <label>${t.transferNote}<textarea name="note" required maxlength="1000"></textarea></label>
            <button type="submit" class="secondary" ?disabled=${this.busy}>${t.transfer}</button>
          </form>`
        : nothing}
      <div role="alert">${this.error ? html`<p>${this.error}</p>` : nothing}</div>
      ${a.events.length
        ? html`<h4>${t.history}</h4><ol>${a.events.map((e) => html`<li data-event=${e.kind}>${this.describe(e, t)}
            <time datetime=${new Date(e.createdAt).toISOString()}>· ${clockTime(e.createdAt, this.locale)}</time>
            ${e.note ? html`<div class="note">“${e.note}”</div>` : nothing}</li>`)}</ol>`
        : nothing}
    `;
  }

  private describe(e: AssignmentEvent, t: RoutingStrings): string {
    switch (e.kind) {
      case 'routed': return t.events.routed(e.teamName);
      case 'auto_assigned': return t.events.auto_assigned(e.agentName);
      case 'claimed': return t.events.claimed(e.agentName);
      case 'assigned': return t.events.assigned(e.agentName, e.byName);
      case 'transferred': return t.events.transferred(e.teamName, e.byName);
      case 'released': return t.events.released(e.agentName);
    }
  }

  private assign = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const agentId = String(new FormData(event.target as HTMLFormElement).get('agentId') ?? '');
    if (agentId) await this.act(() => this.calls.assign(this.conversationId, agentId));
  };

  private transfer = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const teamId = String(data.get('teamId') ?? '') || null;
    if (await this.act(() => this.calls.transfer(this.conversationId, teamId, String(data.get('note') ?? '')))) form.reset();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-assignment': AtiendeAssignment;
  }
}
