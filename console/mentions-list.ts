import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { ServerFrame } from '../protocol/chat.ts';
import type { Locale } from '../protocol/locales.ts';
import type { MentionsResponse, OpenMention } from '../protocol/notes.ts';
import type { ConsoleApi } from './api.ts';
import { ClockController } from './clock.ts';
import type { ConsoleConnection } from './connection.ts';
import { FrameListener } from './frame-listener.ts';
import { duration } from './format.ts';
import { noteStrings, type NoteStrings } from './i18n-notes.ts';
import { base } from './styles.ts';

/**
 * At the top of the inbox: conversations where someone asked the agent (or their team) for help, until they
 * answer; and what the agent asked of others, with how long it has waited.
 *
 * @summary Mentions waiting for an answer.
 */
@customElement('atiende-mentions')
export class AtiendeMentions extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      section { padding: 10px 20px; border-bottom: 1px solid var(--console-border); background: var(--console-subtle); }
      h3 { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; color: var(--console-muted); margin-bottom: 4px; }
      ul { display: grid; gap: 4px; }
      a { display: grid; color: inherit; text-decoration: none; font-size: 0.875rem; padding: 4px 0; }
      a:hover .who { text-decoration: underline; }
      .who { font-weight: 600; }
      .excerpt { color: var(--console-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .wait { color: var(--console-warning); font-size: 0.75rem; font-weight: 600; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) connection!: ConsoleConnection;
  @state() private data: MentionsResponse = { forMe: [], byMe: [] };
  private readonly clock = new ClockController(this);

  protected readonly frames = new FrameListener(this, (frame) => this.onFrame(frame));

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.data = await this.api.request<MentionsResponse>('GET', '/api/console/mentions').catch(() => this.data);
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'mentions' || frame.type === 'ready') void this.load();
  }

  render() {
    const t = noteStrings(this.locale);
    const { forMe, byMe } = this.data;
    return html`${forMe.length ? this.list('mentions-for-me', t.mentions, forMe, (m) => t.from(m.byName), t) : nothing}
      ${byMe.length ? this.list('mentions-by-me', t.asked, byMe, (m) => t.to(m.toName), t) : nothing}`;
  }

  private list(id: string, title: string, items: OpenMention[], who: (m: OpenMention) => string, t: NoteStrings) {
    return html`<section aria-labelledby=${id} data-list=${id}>
      <h3 id=${id}>${title}</h3>
      <ul>${items.map((m) => html`<li><a href="#/conversations/${encodeURIComponent(m.conversationId)}" data-mention=${m.id}>
        <span class="who">${who(m)}</span>
        <span class="excerpt">${m.excerpt}</span>
        <span class="wait">${t.waiting(duration(Math.max(0, this.clock.now - m.createdAt), this.locale))}</span>
      </a></li>`)}</ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-mentions': AtiendeMentions;
  }
}
