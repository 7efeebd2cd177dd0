import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { Figures, FiguresResponse } from '../protocol/figures.ts';
import type { Locale } from '../protocol/locales.ts';
import { ApiError, type ConsoleApi } from './api.ts';
import { base } from './styles.ts';

const STRINGS = {
  en: {
    title: 'Response and satisfaction',
    from: 'From', to: 'To', show: 'Show',
    scope: { all: 'Every team and agent.', teams: 'The teams you lead.', self: 'Your own conversations.' } as Record<string, string>,
    overall: 'Overall', teams: 'By team', agents: 'By agent', generalQueue: 'General queue',
    name: 'Name', conversations: 'Conversations', handled: 'Answered', firstResponse: 'First response', resolution: 'Resolution',
    median: 'median', p90: 'p90', csat: 'CSAT', ratings: (n: number) => (n === 1 ? '1 rating' : `${n} ratings`),
    autoAnswers: 'Automatic answers', accepted: (a: number, o: number) => `${a} of ${o} accepted`,
    distribution: 'Ratings from 1 to 5', none: '—', nothing: 'No conversations in this period.',
    loading: 'Loading figures…', failed: (why: string) => `Could not load the figures: ${why}`,
  },
  es: {
    title: 'Respuesta y satisfacción',
    from: 'Desde', to: 'Hasta', show: 'Ver',
    scope: { all: 'Todos los equipos y agentes.', teams: 'Los equipos que diriges.', self: 'Tus conversaciones.' },
    overall: 'En total', teams: 'Por equipo', agents: 'Por agente', generalQueue: 'Cola general',
    name: 'Nombre', conversations: 'Conversaciones', handled: 'Respondidas', firstResponse: 'Primera respuesta', resolution: 'Resolución',
    median: 'mediana', p90: 'p90', csat: 'Satisfacción', ratings: (n: number) => (n === 1 ? '1 valoración' : `${n} valoraciones`),
    autoAnswers: 'Respuestas automáticas', accepted: (a: number, o: number) => `${a} de ${o} aceptadas`,
    distribution: 'Valoraciones de 1 a 5', none: '—', nothing: 'No hay conversaciones en este periodo.',
    loading: 'Cargando las cifras…', failed: (why: string) => `No se pudieron cargar las cifras: ${why}`,
  },
} satisfies Record<Locale, unknown>;

/** Seconds as "45 s", "12 min", "3.5 h", "2.1 d". */
export function seconds(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  const n = (x: number, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x);
  if (value < 60) return `${n(value, 0)} s`;
  if (value < 3600) return `${n(value / 60, 0)} min`;
  if (value < 86_400) return `${n(value / 3600)} h`;
  return `${n(value / 86_400)} d`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Response and satisfaction figures for a period: first response and resolution times (median, p90),
 * conversations answered, CSAT and its distribution, automatic answers; overall, by team and by agent.
 *
 * @summary Response and satisfaction figures.
 */
@customElement('atiende-figures')
export class AtiendeFigures extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; overflow-y: auto; padding: 24px 28px; }
      h2 { font-size: 1.25rem; font-weight: 700; margin-bottom: 6px; }
      h3 { font-size: 1.0625rem; font-weight: 700; margin: 24px 0 8px; }
      form { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: end; margin: 12px 0; }
      label { display: grid; gap: 4px; font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      input { min-height: 34px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px; font: inherit; }
      .muted { color: var(--console-muted); }
      table { border-collapse: collapse; background: var(--console-surface); border: 1px solid var(--console-border); min-width: min(980px, 100%); }
      th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #edf0f4; font-size: 0.875rem; vertical-align: top; }
      th { font-size: 0.75rem; text-transform: uppercase; color: var(--console-muted); }
      tbody th { text-transform: none; font-size: 0.875rem; color: var(--console-text); font-weight: 600; }
      td.num { font-variant-numeric: tabular-nums; }
      .sub { display: block; font-size: 0.75rem; color: var(--console-muted); }
      .bars { display: inline-flex; align-items: end; gap: 2px; height: 24px; }
      .bars span { width: 8px; background: var(--console-accent); border-radius: 2px 2px 0 0; height: 1px; }
      /* Heights by class, not by a style attribute: the console's CSP allows no inline style. */
      .bars .h1 { height: 10%; } .bars .h2 { height: 20%; } .bars .h3 { height: 30%; } .bars .h4 { height: 40%; } .bars .h5 { height: 50%; }
      .bars .h6 { height: 60%; } .bars .h7 { height: 70%; } .bars .h8 { height: 80%; } .bars .h9 { height: 90%; } .bars .h10 { height: 100%; }
    `,
  ];

  @property() locale: Locale = 'es';
  @property({ attribute: false }) api!: ConsoleApi;
  @state() private data: FiguresResponse | undefined;
  @state() private error = '';
  @state() private from = isoDay(Date.now() - 29 * 86_400_000);
  @state() private to = isoDay(Date.now());

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.data = await this.api.request<FiguresResponse>('GET', `/api/console/figures?from=${this.from}&to=${this.to}`);
      this.error = '';
    } catch (error) {
      this.error = STRINGS[this.locale].failed(error instanceof ApiError ? error.message : String(error));
    }
  }

  render() {
    const t = STRINGS[this.locale];
    const d = this.data;
    return html`<h2>${t.title}</h2>
      <form @submit=${this.submit}>
        <label>${t.from}<input type="date" name="from" required .value=${this.from} /></label>
        <label>${t.to}<input type="date" name="to" required .value=${this.to} /></label>
        <button type="submit" class="secondary">${t.show}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${!d
        ? (this.error ? nothing : html`<p class="muted" role="status">${t.loading}</p>`)
        : html`<p class="muted">${t.scope[d.scope]}</p>
          ${d.overall.conversations === 0 ? html`<p class="muted">${t.nothing}</p>` : nothing}
          ${this.table(t.overall, [{ name: t.overall, ...d.overall }], 'overall')}
          ${d.teams.length ? this.table(t.teams, d.teams.map((x) => ({ ...x, name: x.id ? x.name : t.generalQueue })), 'teams') : nothing}
          ${d.agents.length ? this.table(t.agents, d.agents, 'agents') : nothing}`}`;
  }

  private table(caption: string, rows: (Figures & { name: string })[], id: string) {
    const t = STRINGS[this.locale];
    const s = (x: number | null) => seconds(x, this.locale);
    return html`<h3 id="figures-${id}">${caption}</h3>
      <table aria-labelledby="figures-${id}" data-table=${id}>
        <thead><tr>
          <th scope="col">${t.name}</th><th scope="col">${t.conversations}</th><th scope="col">${t.handled}</th>
          <th scope="col">${t.firstResponse}</th><th scope="col">${t.resolution}</th><th scope="col">${t.csat}</th>
          <th scope="col">${t.distribution}</th><th scope="col">${t.autoAnswers}</th>
        </tr></thead>
        <tbody>${rows.map((r) => {
          const top = Math.max(1, ...r.csat.distribution);
          return html`<tr data-row=${r.name}>
            <th scope="row">${r.name}</th>
            <td class="num">${r.conversations}</td>
            <td class="num">${r.handled}</td>
            <td class="num" data-first-response>${s(r.firstResponse.median)}<span class="sub">${t.p90} ${s(r.firstResponse.p90)}</span></td>
            <td class="num">${s(r.resolution.median)}<span class="sub">${t.p90} ${s(r.resolution.p90)}</span></td>
            <td class="num" data-csat>${r.csat.average === null ? t.none : new Intl.NumberFormat(this.locale, { maximumFractionDigits: 2 }).format(r.csat.average)}
              <span class="sub">${t.ratings(r.csat.count)}</span></td>
            <td><span class="bars" role="img" aria-label=${`${t.distribution}: ${r.csat.distribution.join(', ')}`}>
              ${r.csat.distribution.map((n) => html`<span class="h${Math.round((n / top) * 10)}"></span>`)}</span></td>
            <td>${r.autoAnswers.offered ? t.accepted(r.autoAnswers.accepted, r.autoAnswers.offered) : t.none}</td>
          </tr>`;
        })}</tbody>
      </table>`;
  }

  private submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.from = String(data.get('from'));
    this.to = String(data.get('to'));
    void this.load();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-figures': AtiendeFigures;
  }
}
