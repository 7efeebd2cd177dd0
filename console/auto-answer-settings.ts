import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { AutoAnswerReport, AutoAnswerSettings } from '../protocol/auto-answer.ts';
import type { Locale } from '../protocol/locales.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { base } from './styles.ts';

const STRINGS = {
  en: {
    title: 'Automatic answers',
    intro: 'When a visitor’s message matches an article with at least this confidence and no agent has replied yet, the system answers with the article, says it is automatic, and asks whether it solved the question.',
    enabled: 'Answer automatically from the knowledge base',
    threshold: 'Confidence threshold (0.2 to 1)',
    thresholdHelp: 'Higher: fewer automatic answers, more often right. 0.55 answered 43% of test questions with 95% right (npm run bench:auto-answer).',
    save: 'Save',
    saved: 'Saved.',
    failed: (why: string) => `Not saved: ${why}`,
    report: (days: number) => `Last ${days} days`,
    offered: 'Offered', accepted: 'Accepted', rejected: 'Rejected', unanswered: 'No reply', acceptance: 'Acceptance',
  },
  es: {
    title: 'Respuestas automáticas',
    intro: 'Cuando el mensaje de un visitante encaja con un artículo con al menos esta confianza y ningún agente ha respondido aún, el sistema responde con el artículo, dice que es automático y pregunta si resolvió la duda.',
    enabled: 'Responder automáticamente con la base de conocimiento',
    threshold: 'Umbral de confianza (0,2 a 1)',
    thresholdHelp: 'Más alto: menos respuestas automáticas, acertadas más a menudo. Con 0,55 se respondió el 43 % de las preguntas de prueba, el 95 % bien (npm run bench:auto-answer).',
    save: 'Guardar',
    saved: 'Guardado.',
    failed: (why: string) => `No se guardó: ${why}`,
    report: (days: number) => `Últimos ${days} días`,
    offered: 'Ofrecidas', accepted: 'Aceptadas', rejected: 'Rechazadas', unanswered: 'Sin respuesta', acceptance: 'Aceptación',
  },
} satisfies Record<Locale, unknown>;

/**
 * The auto-answer settings (admins) and how often automatic answers were accepted.
 *
 * @summary Auto-answer settings and report.
 */
@customElement('atiende-auto-answer')
export class AtiendeAutoAnswer extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; max-width: 980px; margin-top: 28px; }
      h3 { font-size: 1.0625rem; font-weight: 700; margin-bottom: 6px; }
      p { color: var(--console-muted); max-width: 760px; }
      form { display: flex; flex-wrap: wrap; gap: 12px 18px; align-items: end; margin: 12px 0; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      label.check { display: flex; align-items: center; gap: 8px; font-weight: 500; color: var(--console-text); }
      input[type='number'] { width: 100px; min-height: 34px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px; font: inherit; }
      .help { font-weight: 400; font-size: 0.75rem; max-width: 520px; }
      dl { display: flex; flex-wrap: wrap; gap: 8px 24px; }
      dl div { display: grid; }
      dt { font-size: 0.75rem; color: var(--console-muted); text-transform: uppercase; }
      dd { font-size: 1.25rem; font-weight: 700; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @state() private settings: AutoAnswerSettings | undefined;
  @state() private report: AutoAnswerReport | undefined;
  @state() private message = '';

  connectedCallback(): void {
    super.connectedCallback();
    void Promise.all([
      this.api.request<AutoAnswerSettings>('GET', '/api/console/auto-answer'),
      this.api.request<AutoAnswerReport>('GET', '/api/console/auto-answer/report?days=30'),
    ]).then(([settings, report]) => {
      this.settings = settings;
      this.report = report;
    }).catch((error: unknown) => (this.message = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error))));
  }

  render() {
    const t = STRINGS[this.locale];
    const r = this.report;
    return html`<h3 id="auto-title">${t.title}</h3>
      <p>${t.intro}</p>
      ${this.settings
        ? html`<form aria-labelledby="auto-title" @submit=${this.save}>
            <label class="check"><input type="checkbox" name="enabled" .checked=${this.settings.enabled} />${t.enabled}</label>
            <label>${t.threshold}<input type="number" name="threshold" min="0.2" max="1" step="0.05" required .value=${String(this.settings.threshold)} />
              <span class="help">${t.thresholdHelp}</span></label>
            <button type="submit" class="primary">${t.save}</button>
          </form>`
        : nothing}
      <div role="status">${this.message ? html`<p>${this.message}</p>` : nothing}</div>
      ${r
        ? html`<p>${t.report(r.days)}</p>
            <dl>
              <div><dt>${t.offered}</dt><dd data-offered>${r.offered}</dd></div>
              <div><dt>${t.accepted}</dt><dd>${r.accepted}</dd></div>
              <div><dt>${t.rejected}</dt><dd>${r.rejected}</dd></div>
              <div><dt>${t.unanswered}</dt><dd>${r.unanswered}</dd></div>
              <div><dt>${t.acceptance}</dt><dd data-acceptance>${r.acceptance === null ? '—' : `${Math.round(r.acceptance * 100)} %`}</dd></div>
            </dl>`
        : nothing}`;
  }

  private save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const t = STRINGS[this.locale];
    const form = event.target as HTMLFormElement;
    const enabled = (form.elements.namedItem('enabled') as HTMLInputElement).checked;
    const threshold = Number((form.elements.namedItem('threshold') as HTMLInputElement).value);
    try {
      this.settings = await this.api.request<AutoAnswerSettings>('POST', '/api/console/auto-answer', { enabled, threshold });
      this.message = t.saved;
    } catch (error) {
      this.message = t.failed(error instanceof ApiError ? error.message : String(error));
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-auto-answer': AtiendeAutoAnswer;
  }
}
