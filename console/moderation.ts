import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { Block, HeldMessage } from '../protocol/abuse.ts';
import type { Locale } from '../protocol/locales.ts';
import type { ConsoleApi } from './api.ts';
import { clockTime } from './format.ts';
import { strings } from './i18n.ts';
import { base } from './styles.ts';

/**
 * Held messages (possible spam) to release or discard, and the blocked visitors to unblock.
 *
 * @summary The console's spam and abuse view.
 */
@customElement('atiende-moderation')
export class AtiendeModeration extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; overflow-y: auto; padding: 24px; }
      section + section { margin-top: 28px; }
      h2 { font-size: 1.0625rem; font-weight: 700; margin-bottom: 6px; }
      .intro, .empty { color: var(--console-muted); font-size: 0.875rem; margin-bottom: 12px; }
      ul { display: grid; gap: 10px; }
      li {
        display: grid; gap: 6px; padding: 12px 14px; border: 1px solid var(--console-border);
        border-radius: var(--console-radius); background: var(--console-surface);
      }
      .meta { font-size: 0.8125rem; color: var(--console-muted); }
      .body { white-space: pre-wrap; overflow-wrap: anywhere; }
      .actions { display: flex; gap: 8px; }
    `,
  ];

  /** Interface language. */
  @property() locale: Locale = 'es';
  /** The console's HTTP client. */
  @property({ attribute: false }) api!: ConsoleApi;

  @state() private held: HeldMessage[] = [];
  @state() private blocks: Block[] = [];
  @state() private failed = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  render() {
    const t = strings(this.locale);
    return html`${this.failed ? html`<p class="notice error" role="alert">${t.actionFailed}</p>` : nothing}
      <section aria-labelledby="held-title">
        <h2 id="held-title">${t.heldTitle}</h2>
        <p class="intro">${t.heldIntro}</p>
        ${this.held.length
          ? html`<ul>
              ${this.held.map((m) => html`<li data-held=${`${m.conversationId}:${m.seq}`}>
                <span class="meta">${m.visitorName || t.visitor} · ${t.heldReasons[m.reason] ?? m.reason} · ${clockTime(m.createdAt, this.locale)}</span>
                <p class="body">${m.body}</p>
                <span class="actions">
                  <button type="button" class="secondary" @click=${() => this.settle(m, 'release')}>${t.release}</button>
                  <button type="button" class="danger" @click=${() => this.settle(m, 'discard')}>${t.discard}</button>
                </span>
              </li>`)}
            </ul>`
          : html`<p class="empty">${t.noHeld}</p>`}
      </section>
      <section aria-labelledby="blocks-title">
        <h2 id="blocks-title">${t.blocksTitle}</h2>
        ${this.blocks.length
          ? html`<ul>
              ${this.blocks.map((b) => html`<li data-block=${b.id}>
                <span class="meta">${b.visitorName || t.visitor} · ${t.blockedBy(b.blockedBy)} · ${clockTime(b.createdAt, this.locale)}</span>
                <p class="body">${b.reason}</p>
                <span class="actions"><button type="button" class="secondary" @click=${() => this.unblock(b)}>${t.unblock}</button></span>
              </li>`)}
            </ul>`
          : html`<p class="empty">${t.noBlocks}</p>`}
      </section>`;
  }

  private async load(): Promise<void> {
    try {
      [this.held, this.blocks] = await Promise.all([this.api.held(), this.api.blocks()]);
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  private async settle(m: HeldMessage, action: 'release' | 'discard'): Promise<void> {
    try {
      await this.api.settleHeld(m, action);
    } catch {
      this.failed = true;
    }
    await this.load();
  }

  private async unblock(b: Block): Promise<void> {
    try {
      await this.api.unblock(b.id);
    } catch {
      this.failed = true;
    }
    await this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-moderation': AtiendeModeration;
  }
}
