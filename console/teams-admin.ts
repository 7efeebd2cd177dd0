import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { StaffMember } from '../protocol/articles.ts';
import type { Locale } from '../protocol/locales.ts';
import type { RoutingRule, Team, TeamsResponse } from '../protocol/routing.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { routingApi, splitList } from './routing-api.ts';
import { routingStrings, type RoutingStrings } from './i18n-routing.ts';
import { base } from './styles.ts';
import './auto-answer-settings.ts';
import './saved-replies-admin.ts';

/**
 * Teams and routing rules, for admins: create and delete teams, add agents with a role and a capacity,
 * and the ordered rules that send a new conversation to a team.
 *
 * @summary Teams and routing administration.
 */
@customElement('atiende-teams')
export class AtiendeTeams extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; overflow-y: auto; padding: 24px 28px; }
      h2 { font-size: 1.25rem; font-weight: 700; margin-bottom: 6px; }
      h3 { font-size: 1.0625rem; font-weight: 700; margin: 28px 0 8px; }
      .team-head h3 { font-size: 0.9375rem; margin: 0; }
      .intro { color: var(--console-muted); margin-bottom: 16px; max-width: 760px; }
      .team { background: var(--console-surface); border: 1px solid var(--console-border); border-radius: 10px; padding: 14px 16px; margin-bottom: 14px; max-width: 980px; }
      .team-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 8px; }
      .team-head .waiting { color: var(--console-warning); font-size: 0.8125rem; font-weight: 600; }
      .team-head .danger { margin-left: auto; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #edf0f4; font-size: 0.875rem; }
      th { font-size: 0.75rem; text-transform: uppercase; color: var(--console-muted); }
      form { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: end; margin-top: 10px; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      label.check { display: flex; align-items: center; gap: 8px; font-weight: 500; }
      input, select { min-height: 34px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface); font: inherit; color: var(--console-text); }
      input[type='number'] { width: 90px; }
      input[type='checkbox'] { min-height: 0; }
      .help { font-weight: 400; font-size: 0.75rem; }
      .rules { max-width: 980px; }
      .rules li { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 8px 12px; background: var(--console-surface); border: 1px solid var(--console-border); border-radius: 8px; margin-bottom: 6px; }
      .rules .n { font-weight: 700; color: var(--console-muted); }
      .rules .cond { flex: 1; font-size: 0.875rem; }
      .rules button { min-height: 30px; padding: 0 10px; font-size: 0.8125rem; }
      .muted { color: var(--console-muted); }
      .notice { margin-top: 12px; max-width: 900px; }
    `,
  ];

  /** The interface language. */
  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;

  @state() private data: TeamsResponse | undefined;
  @state() private staff: StaffMember[] = [];
  @state() private error = '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get calls() {
    return routingApi(this.api);
  }

  private async load(): Promise<void> {
    try {
      const [data, staff] = await Promise.all([this.calls.teams(), this.api.staff()]);
      this.data = data;
      this.staff = staff.filter((s) => s.role !== 'editor');
    } catch (error) {
      this.error = routingStrings(this.locale).failed(error instanceof ApiError ? error.message : String(error));
    }
  }

  /** Runs a change; the server answers with the teams and rules as they now are. */
  private async change(run: () => Promise<TeamsResponse>): Promise<boolean> {
    try {
      this.data = await run();
      this.error = '';
      return true;
    } catch (error) {
      this.error = routingStrings(this.locale).failed(error instanceof ApiError ? error.message : String(error));
      return false;
    }
  }

  render() {
    const t = routingStrings(this.locale);
    if (!this.data) return html`<h2>${t.teamsTitle}</h2>${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">${t.loading}</p>`}`;
    const { teams, rules } = this.data;
    return html`
      <h2>${t.teamsTitle}</h2>
      <p class="intro">${t.teamsIntro}</p>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${teams.length ? teams.map((team) => this.renderTeam(team, t)) : html`<p class="muted">${t.noTeams}</p>`}
      <form aria-label=${t.newTeam} @submit=${this.createTeam}>
        <label>${t.teamName}<input name="name" required maxlength="80" autocomplete="off" /></label>
        <button type="submit" class="primary">${t.create}</button>
      </form>
      <h3 id="rules-title">${t.rules}</h3>
      <p class="intro">${t.rulesIntro}</p>
      ${rules.length
        ? html`<ol class="rules" aria-labelledby="rules-title">${rules.map((rule, i) => this.renderRule(rule, i, rules.length, teams, t))}</ol>`
        : html`<p class="muted">${t.noRules}</p>`}
      ${teams.length ? this.renderRuleForm(teams, t) : nothing}
      <atiende-saved-replies .locale=${this.locale} .api=${this.api} .teams=${teams}></atiende-saved-replies>
      <atiende-auto-answer .locale=${this.locale} .api=${this.api}></atiende-auto-answer>
    `;
  }

  private renderTeam(team: Team, t: RoutingStrings) {
    const outside = this.staff.filter((s) => !team.members.some((m) => m.agentId === s.id));
    return html`<section class="team" aria-label=${team.name} data-team=${team.name}>
      <div class="team-head">
        <h3>${team.name}</h3>
        ${team.waiting ? html`<span class="waiting">${t.waiting(team.waiting)}</span>` : nothing}
        <label class="check"><input type="checkbox" .checked=${team.reviewTrainees}
          @change=${(e: Event) => this.change(() => this.calls.updateTeam(team.id, team.name, (e.target as HTMLInputElement).checked))} />${t.reviewTrainees}</label>
        <button type="button" class="danger" @click=${() => confirm(t.confirmDeleteTeam(team.name)) && this.change(() => this.calls.deleteTeam(team.id))}>${t.deleteTeam}</button>
      </div>
      ${team.members.length
        ? html`<table>
            <thead><tr><th scope="col">${t.agent}</th><th scope="col">${t.role}</th><th scope="col">${t.capacity}</th><th scope="col">${t.load}</th><th scope="col">${t.status}</th><th scope="col"><span class="visually-hidden">${t.actions}</span></th></tr></thead>
            <tbody>${team.members.map((m) => html`<tr data-member=${m.name}>
              <td>${m.name}</td>
              <td><select aria-label=${`${t.role}: ${m.name}`} @change=${(e: Event) => this.change(() => this.calls.setMember(team.id, m.agentId, { role: (e.target as HTMLSelectElement).value, capacity: m.capacity }))}>
                ${(['lead', 'member', 'trainee'] as const).map((r) => html`<option value=${r} ?selected=${m.role === r}>${t.roles[r]}</option>`)}
              </select></td>
              <td><input type="number" min="1" max="100" aria-label=${`${t.capacity}: ${m.name}`} .value=${String(m.capacity)}
                @change=${(e: Event) => this.change(() => this.calls.setMember(team.id, m.agentId, { role: m.role, capacity: Number((e.target as HTMLInputElement).value) }))} /></td>
              <td>${m.load}</td>
              <td>${m.online ? t.online : t.offline}</td>
              <td><button type="button" class="secondary" @click=${() => this.change(() => this.calls.removeMember(team.id, m.agentId))}>${t.remove}</button></td>
            </tr>`)}</tbody>
          </table>`
        : html`<p class="muted">${t.noMembers}</p>`}
      ${outside.length
        ? html`<form aria-label=${`${t.addMember}: ${team.name}`} @submit=${(e: SubmitEvent) => this.addMember(e, team.id)}>
            <label>${t.agent}<select name="agentId">${outside.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></label>
            <label>${t.role}<select name="role">${(['member', 'lead', 'trainee'] as const).map((r) => html`<option value=${r}>${t.roles[r]}</option>`)}</select></label>
            <label>${t.capacity}<input name="capacity" type="number" min="1" max="100" value="5" required /><span class="help">${t.capacityHelp}</span></label>
            <button type="submit" class="secondary">${t.addMember}</button>
          </form>`
        : nothing}
    </section>`;
  }

  private renderRule(rule: RoutingRule, i: number, count: number, teams: Team[], t: RoutingStrings) {
    const team = teams.find((x) => x.id === rule.teamId)?.name ?? '?';
    const conditions = [
      rule.words.length ? `${t.words}: ${rule.words.join(', ')}` : '',
      rule.categories.length ? `${t.categories}: ${rule.categories.join(', ')}` : '',
      rule.locale ? `${t.language}: ${t.languages[rule.locale] ?? rule.locale}` : '',
      rule.channel ? `${t.channel}: ${t.channels[rule.channel] ?? rule.channel}` : '',
    ].filter(Boolean).join(' · ');
    return html`<li data-rule=${rule.id}>
      <span class="n">${i + 1}.</span>
      <span class="cond">${conditions} → <strong>${team}</strong></span>
      <button type="button" class="secondary" ?disabled=${i === 0} @click=${() => this.change(() => this.calls.moveRule(rule.id, 'up'))}>${t.moveUp}</button>
      <button type="button" class="secondary" ?disabled=${i === count - 1} @click=${() => this.change(() => this.calls.moveRule(rule.id, 'down'))}>${t.moveDown}</button>
      <button type="button" class="danger" @click=${() => this.change(() => this.calls.deleteRule(rule.id))}>${t.deleteRule}</button>
    </li>`;
  }

  private renderRuleForm(teams: Team[], t: RoutingStrings) {
    return html`<form aria-label=${t.addRule} @submit=${this.addRule}>
      <label>${t.ruleTeam}<select name="teamId">${teams.map((x) => html`<option value=${x.id}>${x.name}</option>`)}</select></label>
      <label>${t.words}<input name="words" maxlength="500" /><span class="help">${t.wordsHelp}</span></label>
      <label>${t.categories}<input name="categories" maxlength="300" /><span class="help">${t.categoriesHelp}</span></label>
      <label>${t.language}<select name="locale"><option value="">${t.anyValue}</option><option value="es">${t.languages.es}</option><option value="en">${t.languages.en}</option></select></label>
      <label>${t.channel}<select name="channel"><option value="">${t.anyValue}</option><option value="web">${t.channels.web}</option><option value="facebook">${t.channels.facebook}</option></select></label>
      <button type="submit" class="primary">${t.addRule}</button>
    </form>`;
  }

  private createTeam = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (await this.change(() => this.calls.createTeam(name))) form.reset();
  };

  private async addMember(event: SubmitEvent, teamId: string): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    await this.change(() => this.calls.setMember(teamId, String(data.get('agentId')), { role: String(data.get('role')), capacity: Number(data.get('capacity')) }));
  }

  private addRule = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const ok = await this.change(() => this.calls.addRule({
      teamId: String(data.get('teamId')),
      words: splitList(String(data.get('words') ?? '')),
      categories: splitList(String(data.get('categories') ?? '')),
      locale: String(data.get('locale') ?? '') || null,
      channel: String(data.get('channel') ?? '') || null,
    }));
    if (ok) form.reset();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-teams': AtiendeTeams;
  }
}
