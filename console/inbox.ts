import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';

import type { PriorityReason, Target } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import type { InboxItem } from './api.ts';
import { ClockController } from './clock.ts';
import { InboxRetryEvent } from './events.ts';
import { clockTime, duration } from './format.ts';
import { strings, type Strings } from './i18n.ts';
import { routingStrings } from './i18n-routing.ts';
import type { ConsoleApi } from './api.ts';
import type { ConsoleConnection } from './connection.ts';
import './mentions-list.ts';
import './review-queue.ts';
import { breachesByTeam } from './breaches.ts';
import { base } from './styles.ts';

/** Highest priority first (the server ranks them); equal ones longest-waiting first. */
export function priorityOrder(a: InboxItem, b: InboxItem): number {
  const diff = (b.priority?.score ?? 0) - (a.priority?.score ?? 0);
  return diff || inboxOrder(a, b);
}

/** Where a response target stands at `now`: the warning runs in its last fifth, then it is breached. */
export function targetState(target: Target, now: number): 'ok' | 'warning' | 'breached' {
  if (now > target.dueAt) return 'breached';
  return now >= target.since + (target.dueAt - target.since) * 0.8 ? 'warning' : 'ok';
}

/** Longest-waiting first; conversations nobody waits on after them, the most recently active first. */
export type InboxFilter = 'all' | 'mine' | 'teams' | 'unassigned';

/** Whether an item shows under a filter: mine (assigned to me), my teams' (or the general queue), or nobody's. */
export function inFilter(item: InboxItem, filter: InboxFilter, agentId: string, myTeams: string[]): boolean {
  switch (filter) {
    case 'all': return true;
    case 'mine': return item.assignee?.id === agentId;
    case 'teams': return !item.team || myTeams.includes(item.team.id);
    case 'unassigned': return !item.assignee;
  }
}

export function inboxOrder(a: InboxItem, b: InboxItem): number {
  if (a.waitingSince !== null && b.waitingSince !== null) return a.waitingSince - b.waitingSince;
  if (a.waitingSince !== null) return -1;
  if (b.waitingSince !== null) return 1;
  return b.updatedAt - a.updatedAt;
}

/**
 * The open conversations, each a link to its view: the visitor's name, the last message, and how long
 * the visitor has waited for a reply (updated every 15 seconds). The app keeps the list current from
 * the console socket; this element only shows it.
 *
 * @summary The agent's inbox.
 *
 * @fires inbox-retry - The list failed to load and the agent pressed "Try again".
 */
@customElement('atiende-inbox')
export class AtiendeInbox extends LitElement {
  static styles = [
    base,
    css`
      :host { display: flex; flex-direction: column; min-height: 0; background: var(--console-surface); }
      nav { display: flex; flex-direction: column; min-height: 0; flex: 1; }
      .head {
        display: flex; align-items: center; gap: 10px; padding: 18px 20px 14px;
        border-bottom: 1px solid var(--console-border);
      }
      h2 { font-size: 1.0625rem; font-weight: 700; }
      .count {
        min-width: 24px; padding: 1px 8px; border-radius: 12px; background: var(--console-accent-soft);
        color: var(--console-accent); font-size: 0.8125rem; font-weight: 700; text-align: center;
      }
      .state { padding: 24px 20px; font-size: 0.9375rem; color: var(--console-muted); line-height: 1.5; }
      .state .secondary { margin-top: 12px; }
      ul { overflow-y: auto; flex: 1; }
      li + li { border-top: 1px solid #edf0f4; }
      a {
        position: relative; display: grid; gap: 4px; padding: 14px 20px 14px 22px;
        color: inherit; text-decoration: none;
      }
      a:hover { background: var(--console-subtle); }
      a[aria-current='page'] { background: var(--console-accent-soft); }
      a[aria-current='page']::before {
        content: ''; position: absolute; left: 0; top: 0; bottom: 0; width: 3px; background: var(--console-accent);
      }
      a:focus-visible { outline-offset: -3px; }
      .top { display: flex; align-items: baseline; gap: 8px; }
      .name { flex: 1; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      time { font-size: 0.8125rem; color: var(--console-muted); white-space: nowrap; }
      .last {
        font-size: 0.875rem; color: var(--console-muted);
        overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
      }
      .waiting, .answered {
        justify-self: start; display: inline-flex; align-items: center; gap: 6px;
        margin-top: 2px; font-size: 0.8125rem; font-weight: 600;
      }
      .waiting { color: var(--console-warning); }
      .waiting::before { content: ''; width: 7px; height: 7px; border-radius: 50%; background: #f59e0b; }
      .answered { color: var(--console-muted); font-weight: 500; }
      .badges { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 2px; }
      .badge {
        padding: 1px 8px; border-radius: 10px; font-size: 0.75rem; font-weight: 700;
        background: var(--console-subtle); color: var(--console-text); border: 1px solid var(--console-border);
      }
      .badge-angry { background: var(--console-danger-soft); color: var(--console-danger); }
      .badge-vip { background: var(--console-warning-soft); color: var(--console-warning); }
      .target { justify-self: start; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      .target.warning { color: var(--console-warning); }
      .target.breached { color: var(--console-danger); }
      .filter { margin-left: auto; display: flex; align-items: center; gap: 6px; font-size: 0.8125rem; color: var(--console-muted); }
      .filter select { min-height: 30px; padding: 0 6px; border: 1px solid var(--console-border); border-radius: 8px; background: var(--console-surface); font: inherit; color: var(--console-text); }
      .owner { font-size: 0.75rem; color: var(--console-muted); }
      .breaches { padding: 6px 20px; font-size: 0.8125rem; font-weight: 600; color: var(--console-danger); background: var(--console-danger-soft); border-bottom: 1px solid var(--console-border); }
      .overdue {
        padding: 1px 8px; border-radius: 12px; background: var(--console-danger-soft); color: var(--console-danger);
        font-size: 0.8125rem; font-weight: 700;
      }
    `,
  ];

  /** Interface language. */
  @property() locale: Locale = 'es';
  /** The open conversations, in any order. */
  @property({ attribute: false }) items: InboxItem[] = [];
  /** The conversation on screen, marked as the current page. */
  @property() selected?: string;
  /** Whether the list is loading, loaded or failed. */
  @property() status: 'loading' | 'ready' | 'error' = 'loading';
  /** The signed-in agent, and the teams they belong to (for the filters). */
  @property() agentId = '';
  @property({ attribute: false }) myTeams: string[] = [];
  /** For the mentions list above the conversations. */
  @property({ attribute: false }) api?: ConsoleApi;
  @property({ attribute: false }) connection?: ConsoleConnection;

  @state() private filter: InboxFilter = 'all';

  private readonly clock = new ClockController(this);

  render() {
    const t = strings(this.locale);
    const r = routingStrings(this.locale);
    const items = this.items.filter((i) => inFilter(i, this.filter, this.agentId, this.myTeams)).sort(priorityOrder);
    const now = this.clock.now;
    const overdue = items.filter((i) => i.target && targetState(i.target, now) === 'breached').length;
    // Per team, over every open conversation whatever the filter: where targets are being missed.
    const byTeam = this.items.some((i) => i.team) ? breachesByTeam(this.items, now) : [];
    return html`<nav aria-labelledby="inbox-title">
      <div class="head">
        <h2 id="inbox-title">${t.inbox}</h2>
        ${this.status === 'ready'
          ? html`<span class="count" aria-hidden="true">${items.length}</span>
              <span class="visually-hidden">${t.openConversations(items.length)}</span>
              ${overdue ? html`<span class="overdue" data-overdue=${overdue}>${t.overdueCount(overdue)}</span>` : nothing}`
          : nothing}
        <label class="filter">${r.filter}
          <select aria-label=${r.filter} @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as InboxFilter)}>
            ${(['all', 'mine', 'teams', 'unassigned'] as const).map((f) => html`<option value=${f} ?selected=${this.filter === f}>${r.filters[f]}</option>`)}
          </select>
        </label>
      </div>
      ${byTeam.length
        ? html`<p class="breaches" data-breaches>${r.breachesByTeam(byTeam.map((b) => `${b.team ?? r.generalQueue} ${b.count}`).join(' · '))}</p>`
        : nothing}
      ${this.api && this.connection
        ? html`<atiende-review-queue .locale=${this.locale} .api=${this.api} .connection=${this.connection}></atiende-review-queue>
            <atiende-mentions .locale=${this.locale} .api=${this.api} .connection=${this.connection}></atiende-mentions>`
        : nothing}
      ${this.status === 'error'
        ? html`<div class="state" role="alert">
            <p>${t.inboxFailed}</p>
            <button type="button" class="secondary" @click=${() => this.dispatchEvent(new InboxRetryEvent())}>${t.retry}</button>
          </div>`
        : this.status === 'loading' && !items.length
          ? html`<p class="state" role="status">${t.loadingInbox}</p>`
          : items.length
            ? html`<ul>
                ${repeat(items, (item) => item.id, (item) => html`<li>${this.renderItem(item, t)}</li>`)}
              </ul>`
            : html`<p class="state">${t.emptyInbox}</p>`}
    </nav>`;
  }

  private renderItem(item: InboxItem, t: Strings) {
    const last = item.lastMessage;
    const when = last?.createdAt ?? item.updatedAt;
    const preview = !last ? t.noMessagesYet : last.author === 'agent' ? `${t.you}: ${last.body}` : last.body;
    return html`<a
      href="#/conversations/${encodeURIComponent(item.id)}"
      aria-current=${item.id === this.selected ? 'page' : nothing}
      data-conversation=${item.id}
    >
      <span class="top">
        <span class="name">${item.visitor.name || t.visitor}</span>
        <time datetime=${new Date(when).toISOString()}>${clockTime(when, this.locale, this.clock.now)}</time>
      </span>
      <span class="last">${preview}</span>
      ${item.waitingSince !== null
        ? html`<span class="waiting">${t.waitingFor(duration(Math.max(0, this.clock.now - item.waitingSince), this.locale))}</span>`
        : last
          ? html`<span class="answered">${t.answered}</span>`
          : nothing}
      ${this.renderTriage(item, t)}
      ${item.team || item.assignee
        ? html`<span class="owner" data-owner>${item.team?.name ?? routingStrings(this.locale).generalQueue} · ${item.assignee?.name ?? routingStrings(this.locale).unassigned}</span>`
        : nothing}
    </a>`;
  }

  private renderTriage(item: InboxItem, t: Strings) {
    const now = this.clock.now;
    const reasons = item.priority?.reasons ?? [];
    const target = item.target;
    const state = target ? targetState(target, now) : undefined;
    return html`${reasons.length
        ? html`<span class="badges" title=${t.priorityReasons}>
            ${reasons.map((r) => html`<span class="badge badge-${r.code}" data-reason=${r.code}>${this.badge(r, item, t)}</span>`)}
          </span>`
        : nothing}
      ${target && state
        ? html`<span class="target ${state}" data-target=${state}>${state === 'breached'
            ? t.overdue(duration(now - target.dueAt, this.locale))
            : t.dueIn(duration(target.dueAt - now, this.locale))}</span>`
        : nothing}`;
  }

  private badge(reason: PriorityReason, item: InboxItem, t: Strings): string {
    switch (reason.code) {
      case 'angry': return t.badgeAngry;
      case 'waiting': return t.badgeWaiting(duration(Math.max(0, this.clock.now - (item.waitingSince ?? this.clock.now)), this.locale));
      case 'vip': return t.badgeVip;
      case 'public_channel': return t.badgePublic(t.channels[reason.channel] ?? reason.channel);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-inbox': AtiendeInbox;
  }
}
