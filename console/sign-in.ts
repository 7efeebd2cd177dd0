import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';

import type { Locale } from '../protocol/locales.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { SignedInEvent } from './events.ts';
import { strings, type Strings } from './i18n.ts';
import { base } from './styles.ts';

/**
 * The sign-in form: email and password, with a visible, announced error for a wrong password (401),
 * too many attempts (429) and a server out of reach.
 *
 * @summary Staff sign-in.
 *
 * @fires signed-in - The server accepted the email and password; `agent` is who signed in.
 */
@customElement('atiende-sign-in')
export class AtiendeSignIn extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; }
      form { display: grid; gap: 18px; }
      .field { display: grid; gap: 6px; }
      label { font-size: 0.875rem; font-weight: 600; }
      input {
        width: 100%; min-height: 42px; padding: 8px 12px; border: 1px solid #c5ccd8; border-radius: 8px;
        background: var(--console-surface); font-size: 1rem;
      }
      input:focus-visible { outline: 2px solid var(--console-accent); outline-offset: 0; border-color: var(--console-accent); }
      input[aria-invalid='true'] { border-color: var(--console-danger); }
      .primary { min-height: 44px; font-size: 1rem; }
      .notice:empty { display: none; }
    `,
  ];

  /** Interface language. */
  @property() locale: Locale = 'es';
  /** The HTTP client to sign in with. */
  @property({ attribute: false }) api!: ConsoleApi;

  @state() private busy = false;
  @state() private error: 'missing' | 'wrong' | 'limited' | 'network' | 'failed' | undefined;
  @state() private retryAfter: number | undefined;

  @query('#email') private emailInput!: HTMLInputElement;
  @query('#password') private passwordInput!: HTMLInputElement;

  /** Focuses the first empty field. */
  focusForm(): void {
    (this.emailInput?.value ? this.passwordInput : this.emailInput)?.focus();
  }

  render() {
    const t = strings(this.locale);
    const invalid = this.error === 'wrong' || this.error === 'missing';
    return html`<form novalidate @submit=${this.onSubmit}>
      <div class="field">
        <label for="email">${t.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          inputmode="email"
          spellcheck="false"
          required
          maxlength="200"
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${this.error ? 'sign-in-error' : nothing}
        />
      </div>
      <div class="field">
        <label for="password">${t.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${this.error ? 'sign-in-error' : nothing}
        />
      </div>
      <p id="sign-in-error" class="notice error" role="alert">${this.error ? this.errorText(t) : ''}</p>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.signingIn : t.signIn}</button>
    </form>`;
  }

  private errorText(t: Strings): string {
    switch (this.error) {
      case 'missing': return t.missingFields;
      case 'wrong': return t.wrongPassword;
      case 'limited': return t.tooManyAttempts(this.retryAfter);
      case 'network': return t.noConnection;
      default: return t.signInFailed;
    }
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const email = this.emailInput.value.trim();
    const password = this.passwordInput.value;
    if (!email || !password) {
      this.error = 'missing';
      (email ? this.passwordInput : this.emailInput).focus();
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const agent = await this.api.signIn(email, password);
      this.passwordInput.value = '';
      this.dispatchEvent(new SignedInEvent(agent));
    } catch (error) {
      const status = error instanceof ApiError ? error.status : -1;
      this.retryAfter = error instanceof ApiError ? error.retryAfter : undefined;
      // A 400 from the server means the email or password cannot be right either (too short, too long).
      this.error = status === 401 || status === 400 ? 'wrong' : status === 429 ? 'limited' : status === 0 ? 'network' : 'failed';
      if (this.error === 'wrong') {
        this.passwordInput.value = '';
        this.passwordInput.focus();
      }
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-sign-in': AtiendeSignIn;
  }
}
