import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import { AtiendeCloseEvent, AtiendeOpenEvent, type LocaleSelectEvent } from './events.ts';
import { resolveLocale, strings } from './i18n.ts';
import type { AtiendePanel } from './panel.ts';
import { tokens } from './tokens.ts';

export * from './events.ts';

/** The server this script came from: embedding the script tag is all a site needs. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * The Atiende help widget: a launcher that opens a help-center panel, where visitors search the
 * knowledge base in Spanish or English and read articles, and, when that is not enough, chat with a
 * person from the team. The panel's code loads on first open, and no request reaches the server before
 * then; the chat's code loads when the visitor asks for a person (or comes back with a conversation).
 * Nothing is stored in the browser until the visitor consents to a chat: then the visitor token the
 * server issued is kept in `localStorage` under `atiende:visitor`, and removed when consent is withdrawn.
 *
 * @summary Embeddable help center: search-as-you-type, articles, and live chat with the team.
 *
 * @csspart launcher - The round button that opens and closes the panel (absent when `position="inline"`).
 * @csspart panel - The panel: a non-modal dialog, or a region when inline.
 * @csspart header - The panel's title bar with the language switch.
 * @csspart search-input - The search box.
 * @csspart results - The list of results or suggested articles.
 * @csspart result - One result or suggested article.
 * @csspart message - Status, empty and error messages, and each chat message.
 * @csspart visitor-message - A chat message the visitor wrote (also `message`).
 * @csspart agent-message - A chat message from the team (also `message`).
 * @csspart article - The article being read.
 * @csspart contact - The "Contact us" buttons.
 * @csspart chat-input - The boxes where the visitor describes the problem and writes to the team.
 *
 * @cssproperty --atiende-accent - Launcher, buttons and focus ring. Default `#1d4ed8`.
 * @cssproperty --atiende-accent-text - Text on the accent colour. Default `#ffffff`.
 * @cssproperty --atiende-text - Body text. Default `#1c2433`.
 * @cssproperty --atiende-muted-text - Secondary text. Default `#4a5568`.
 * @cssproperty --atiende-background - Panel background. Default `#ffffff`.
 * @cssproperty --atiende-surface - Hovered and active rows, article tables. Default `#f1f4f9`.
 * @cssproperty --atiende-border - Dividers and input borders. Default `#d5dbe5`.
 * @cssproperty --atiende-mark - Background of matched words. Default `#fde68a`.
 * @cssproperty --atiende-radius - Panel corner radius. Default `14px`.
 * @cssproperty --atiende-font-family - Default: the system UI font.
 * @cssproperty --atiende-font-size - Base text size; the page's own font size never applies. Default `15px`.
 * @cssproperty --atiende-z-index - Stacking of the floating launcher and panel. Default `2147483000`.
 * @cssproperty --atiende-offset - Distance from the viewport edges. Default `20px`.
 * @cssproperty --atiende-panel-width - Default `390px`.
 * @cssproperty --atiende-panel-height - Default `620px` (never taller than the viewport).
 *
 * @fires atiende-open - The panel opened.
 * @fires atiende-close - The panel closed.
 * @fires atiende-search - Results are shown; `detail: { query, locale, resultCount }`.
 * @fires atiende-article - An article is shown; `detail: { slug, locale }`.
 * @fires atiende-contact - The visitor consented and started a conversation with the team;
 *   `detail: { message, locale, query, slug? }` (`message` is their first message).
 * @fires atiende-identify - An identity token was checked, when the panel first opens or at once if it is
 *   open; `detail: { verified, name, email, consentNeeded, reason? }` (`reason` says why it was refused).
 */
@customElement('atiende-widget')
export class AtiendeWidget extends LitElement {
  static styles = [
    tokens,
    css`
      /* Floating, the element has no box of its own, so page rules on its margin or border do nothing. */
      :host { display: contents !important; }
      :host([position='inline']) { display: block !important; }
      :host([hidden]) { display: none !important; }
      .root {
        all: initial;
        display: block;
        font-family: var(--atiende-font-family);
        font-size: var(--atiende-font-size);
        line-height: 1.5;
        color: var(--atiende-text);
      }
      .dock {
        position: fixed;
        bottom: var(--atiende-offset);
        right: var(--atiende-offset);
        z-index: var(--atiende-z-index);
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 14px;
      }
      .dock.left { right: auto; left: var(--atiende-offset); align-items: flex-start; }
      .launcher {
        all: unset;
        box-sizing: border-box;
        display: inline-flex;
        align-items: center;
        gap: 8px;
        height: 52px;
        padding: 0 22px 0 18px;
        border-radius: 26px;
        background: var(--atiende-accent);
        color: var(--atiende-accent-text);
        font: 600 1.0667em/1 var(--atiende-font-family);
        box-shadow: 0 6px 20px rgb(15 23 42 / 0.22);
        cursor: pointer;
        transition: transform 0.15s ease;
      }
      .launcher:hover { transform: translateY(-1px); }
      .launcher:focus-visible { outline: 3px solid var(--atiende-accent); outline-offset: 3px; }
      .launcher svg { width: 22px; height: 22px; flex: none; }
      .notice {
        margin: 0;
        padding: 14px 16px;
        max-width: 300px;
        border-radius: var(--atiende-radius);
        background: var(--atiende-background);
        box-shadow: 0 6px 20px rgb(15 23 42 / 0.18);
      }
      /* On small screens the open panel fills the screen and has its own close button. */
      @media (max-width: 480px) {
        :host([open]) .launcher { display: none; }
      }
      @media (prefers-reduced-motion: reduce) {
        .launcher { transition: none; }
        .launcher:hover { transform: none; }
      }
    `,
  ];

  /** Base URL of the Atiende server; defaults to the origin this script was loaded from. */
  @property() server = SCRIPT_ORIGIN;

  /** `es` or `en`; defaults to the page's `<html lang>`, then the browser's language, then `en`. */
  @property() locale?: string;

  /** `bottom-right`, `bottom-left`, or `inline` to fill its container with no launcher (help pages). */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' | 'inline' = 'bottom-right';

  /** Whether the panel is open (attribute `open`; the `open()` method opens it). */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  /** Slug of an article to show in the panel, for links that point at one answer. */
  @property() article?: string;

  /**
   * A token the site's backend signed for its signed-in customer (HS256 JWT with ATIENDE_IDENTITY_SECRET):
   * their conversations from every device and channel show as one history. Checked when the panel opens.
   */
  @property({ attribute: 'identity-token' }) identityToken?: string;

  /** Set by the Facebook Page tab page: what is started here is recorded as channel facebook. */
  @property({ attribute: 'channel-ticket' }) channelTicket?: string;

  /** Id of a conversation to open (a conversation link): shown only to whoever proves it is theirs. */
  @property() conversation?: string;

  @state() private panelStatus: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';

  private panelModule: Promise<unknown> | undefined;
  private returnFocus: HTMLElement | null = null;

  /** Opens the panel and moves focus to its search box. */
  async open(): Promise<void> {
    this.isOpen = true;
    (await this.panel())?.focusSearch();
  }

  /** Closes the panel and returns focus to where it was before opening. */
  close(): void {
    this.isOpen = false;
  }

  /** Tells the widget who the signed-in customer is (see `identity-token`); the outcome is an `atiende-identify` event. */
  identify(token: string): void {
    this.identityToken = token;
  }

  /** Opens the panel and searches for `query`. */
  async search(query: string): Promise<void> {
    this.isOpen = true;
    (await this.panel())?.search(query);
  }

  private get inline(): boolean {
    return this.position === 'inline';
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('conversation') && this.conversation) this.isOpen = true;
    if (changed.has('isOpen') && this.isOpen) {
      this.returnFocus = deepActiveElement();
      this.loadPanel();
    }
  }

  protected updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('isOpen')) return;
    const wasOpen = changed.get('isOpen');
    if (this.isOpen) {
      this.dispatchEvent(new AtiendeOpenEvent());
      // The open attribute on a page that just loaded must not steal focus; a visitor's click does move it.
      if (wasOpen === false) void this.panel().then((panel) => panel?.focusSearch());
    } else if (wasOpen) {
      this.dispatchEvent(new AtiendeCloseEvent());
      this.restoreFocus();
    }
  }

  render() {
    const locale = resolveLocale(this.locale);
    const t = strings(locale);
    const panel =
      this.panelStatus === 'ready'
        ? html`<atiende-panel
            exportparts="panel, header, search-input, results, result, message, visitor-message, agent-message, article, contact, chat-input"
            ?hidden=${!this.isOpen}
            .server=${this.server}
            .locale=${locale}
            .inline=${this.inline}
            .article=${this.article}
            .channelTicket=${this.channelTicket}
            .identityToken=${this.identityToken}
            .conversation=${this.conversation}
            @panel-close-request=${this.close}
            @locale-select=${(e: LocaleSelectEvent) => (this.locale = e.locale)}
          ></atiende-panel>`
        : this.isOpen
          ? html`<p class="notice" part="message" role="status" lang=${locale}>
              ${this.panelStatus === 'failed' ? t.errorLoad : t.loading}
            </p>`
          : nothing;
    if (this.inline) return html`<div class="root">${panel}</div>`;
    return html`<div class="root" @keydown=${this.onKeydown}>
      <div class="dock ${this.position === 'bottom-left' ? 'left' : ''}">
        ${panel}
        <button
          part="launcher"
          class="launcher"
          lang=${locale}
          aria-expanded=${this.isOpen ? 'true' : 'false'}
          aria-haspopup="dialog"
          @click=${this.toggle}
        >
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            ${this.isOpen ? iconClose : iconHelp}
          </svg>
          <span>${t.launcher}</span>
        </button>
      </div>
    </div>`;
  }

  /** Escape closes the floating panel from anywhere inside the widget, launcher included. */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.isOpen) return;
    event.preventDefault();
    this.close();
  }

  private toggle(): void {
    if (this.isOpen) this.close();
    else void this.open();
  }

  private loadPanel(): void {
    if (this.panelModule) return;
    this.panelStatus = 'loading';
    this.panelModule = import('./panel.ts').then(
      () => (this.panelStatus = 'ready'),
      () => {
        this.panelStatus = 'failed';
        this.panelModule = undefined; // the next open tries again
      },
    );
  }

  private async panel(): Promise<AtiendePanel | null> {
    this.loadPanel();
    await this.panelModule;
    await this.updateComplete;
    const panel = this.renderRoot.querySelector('atiende-panel');
    if (panel) await panel.updateComplete;
    return panel;
  }

  private restoreFocus(): void {
    const target = this.returnFocus;
    this.returnFocus = null;
    const inside = target && (target === this || this.renderRoot.contains(target) || this.contains(target));
    if (target && target.isConnected && !inside) target.focus();
    else this.renderRoot.querySelector<HTMLElement>('[part=launcher]')?.focus();
  }
}

const iconHelp = svg`<path d="M20.5 12a8.5 8.5 0 0 1-12.3 7.6L3.5 20.5l1-4.4A8.5 8.5 0 1 1 20.5 12Z"/><path d="M9.7 9.6a2.4 2.4 0 0 1 4.6.9c0 1.6-2.3 2.1-2.3 2.1"/><path d="M12 15.6h.01"/>`;
const iconClose = svg`<path d="M18 6 6 18M6 6l12 12"/>`;

/** The focused element, looking inside shadow roots (a focused launcher shows as its host otherwise). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-widget': AtiendeWidget;
  }
}
