import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

import type { ArticleRow, SearchRow } from '../../protocol/insights.ts';
import { LOCALES, type Locale } from '../../protocol/locales.ts';
import { base } from '../styles.ts';
import { csvUrl, fetchInsights, newArticleUrl, type Insights, type InsightsFilter } from './api.ts';
import { barChart, barNumber, bucketize, bucketLabel, type BarPoint } from './chart.ts';
import { insightsStrings, type InsightsStrings } from './i18n.ts';

type Preset = 7 | 30 | 90 | 'custom';
const PRESETS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

const todayUtc = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/**
 * The insights page of the console: for a period (the last 7, 30 or 90 days, or chosen dates) and a
 * content language, what visitors searched for, what found nothing, which searches found articles
 * that nobody opened, which articles were read and rated, how many visits helped themselves, and which
 * articles were read right before a conversation. Charts are drawn with their values; the same numbers
 * download as CSV. Each content gap links to a new article with the query as its title.
 *
 * @summary The insights page (the listening loop).
 */
@customElement('atiende-insights')
export class AtiendeInsights extends LitElement {
  static styles = [
    base,
    css`
      :host { display: block; flex: 1; min-height: 0; overflow-y: auto; }
      .page { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; display: grid; gap: 24px; }
      header { display: grid; gap: 6px; }
      h2 { font-size: 1.375rem; font-weight: 700; }
      h3 { font-size: 1rem; font-weight: 700; }
      .filters { display: flex; flex-wrap: wrap; align-items: end; gap: 16px; }
      fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 6px; min-width: 0; }
      legend, label { font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); padding: 0; }
      .field { display: grid; gap: 6px; }
      select, input[type='date'] {
        font: inherit; min-height: 36px; padding: 0 10px; border: 1px solid var(--console-border); border-radius: 8px;
        background: var(--console-surface); color: var(--console-text);
      }
      .custom { display: flex; flex-wrap: wrap; align-items: end; gap: 10px; }
      .download { margin-left: auto; text-decoration: none; }
      .card, section.table {
        background: var(--console-surface); border: 1px solid var(--console-border); border-radius: var(--console-radius);
      }
      .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
      .card { padding: 16px; display: grid; gap: 4px; align-content: start; }
      .card dt { font-size: 0.8125rem; font-weight: 600; color: var(--console-muted); }
      .card dd { font-size: 1.625rem; font-weight: 700; line-height: 1.2; }
      .card dd.hint { font-size: 0.8125rem; font-weight: 400; color: var(--console-muted); line-height: 1.4; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); gap: 12px; }
      figure { margin: 0; padding: 14px 16px; display: grid; gap: 8px; background: var(--console-surface); border: 1px solid var(--console-border); border-radius: var(--console-radius); }
      figcaption { font-size: 0.875rem; font-weight: 600; }
      figcaption span { font-weight: 400; color: var(--console-muted); }
      svg.chart { width: 100%; height: auto; stroke: none; fill: none; }
      .tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 12px; }
      section.table { padding: 14px 0 6px; display: grid; gap: 6px; align-content: start; min-width: 0; overflow-x: auto; }
      section.table > h3, section.table > p { padding: 0 16px; }
      section.table > p { font-size: 0.8125rem; color: var(--console-muted); }
      table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
      th, td { padding: 7px 16px; text-align: left; border-top: 1px solid #edf0f4; vertical-align: top; }
      th { font-size: 0.75rem; font-weight: 600; color: var(--console-muted); text-transform: uppercase; letter-spacing: 0.02em; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.q { overflow-wrap: anywhere; }
      .empty { padding: 8px 16px 12px; color: var(--console-muted); font-size: 0.875rem; }
      .state { padding: 24px 0; color: var(--console-muted); }
      @media (max-width: 560px) { .tables, .charts { grid-template-columns: minmax(0, 1fr); } .download { margin-left: 0; } }
    `,
  ];

  /** Interface language (also the CSV's). */
  @property() locale: Locale = 'es';

  @state() private preset: Preset = 30;
  @state() private from = daysBefore(todayUtc(), 29);
  @state() private to = todayUtc();
  @state() private contentLocale: Locale | '' = '';
  @state() private data: Insights | undefined;
  @state() private status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private customInvalid = false;

  private request: AbortController | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.request?.abort();
  }

  render() {
    const t = insightsStrings(this.locale);
    return html`<div class="page">
      <header>
        <h2 id="insights-title">${t.title}</h2>
        <p class="muted">${t.intro}</p>
      </header>
      ${this.renderFilters(t)}
      <p class="visually-hidden" role="status">${this.status === 'loading' ? t.loading : ''}</p>
      ${this.status === 'error'
        ? html`<div class="notice error" role="alert">${t.failed}
            <button type="button" class="secondary" @click=${() => void this.load()}>${t.retry}</button></div>`
        : !this.data
          ? html`<p class="state">${t.loading}</p>`
          : this.renderData(this.data, t)}
    </div>`;
  }

  private renderFilters(t: InsightsStrings) {
    const filter = this.filter();
    return html`<div class="filters">
      <fieldset>
        <legend>${t.period}</legend>
        <div class="segmented">
          ${PRESETS.map((n) => html`<button type="button" aria-pressed=${this.preset === n ? 'true' : 'false'} @click=${() => this.choosePreset(n)}>${t.lastDays(n)}</button>`)}
          <button type="button" aria-pressed=${this.preset === 'custom' ? 'true' : 'false'} @click=${() => this.choosePreset('custom')}>${t.custom}</button>
        </div>
      </fieldset>
      ${this.preset === 'custom'
        ? html`<form class="custom" @submit=${this.applyCustom}>
            <div class="field"><label for="from">${t.from}</label>
              <input id="from" name="from" type="date" required .value=${this.from} max=${todayUtc()} aria-invalid=${this.customInvalid ? 'true' : 'false'} aria-describedby="period-error"></div>
            <div class="field"><label for="to">${t.to}</label>
              <input id="to" name="to" type="date" required .value=${this.to} aria-invalid=${this.customInvalid ? 'true' : 'false'} aria-describedby="period-error"></div>
            <button type="submit" class="primary">${t.apply}</button>
            <p id="period-error" class="notice error" ?hidden=${!this.customInvalid} role=${this.customInvalid ? 'alert' : nothing}>${this.customInvalid ? t.badPeriod : ''}</p>
          </form>`
        : nothing}
      <div class="field">
        <label for="content-locale">${t.localeFilter}</label>
        <select id="content-locale" @change=${this.chooseLocale}>
          <option value="" ?selected=${this.contentLocale === ''}>${t.allLocales}</option>
          ${LOCALES.map((l) => html`<option value=${l} ?selected=${this.contentLocale === l}>${t.localeNames[l]}</option>`)}
        </select>
      </div>
      <a class="secondary download" href=${csvUrl(filter, this.locale)} download>${t.download}</a>
    </div>`;
  }

  private renderData(d: Insights, t: InsightsStrings) {
    const number = new Intl.NumberFormat(this.locale);
    const percent = new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 0 });
    const totals = d.totals;
    const rate = totals.selfServiceRate;
    return html`
      <p class="muted">${t.periodShown(this.dateLabel(d.period.from), this.dateLabel(d.period.to))}${d.period.locale ? ` · ${t.localeNames[d.period.locale]}` : ''}</p>
      <section aria-labelledby="summary-title">
        <h3 id="summary-title" class="visually-hidden">${t.summary}</h3>
        <div class="summary">
          <dl class="card"><dt>${t.searches}</dt><dd>${number.format(totals.searches)}</dd>
            <dd class="hint">${t.noResult}: ${number.format(totals.noResult)} · ${t.notOpened}: ${number.format(totals.notOpened)}</dd></dl>
          <dl class="card"><dt>${t.selfService}</dt><dd>${rate === null ? '–' : percent.format(rate)}</dd>
            <dd class="hint">${totals.engagedVisits ? t.selfServiceHint(totals.selfServiceVisits, totals.engagedVisits) : t.noVisits}</dd></dl>
          <dl class="card"><dt>${t.conversations}</dt><dd>${number.format(totals.conversations)}</dd>
            <dd class="hint">${t.afterArticle(totals.conversationsAfterArticle)}</dd></dl>
          <dl class="card"><dt>${t.views}</dt><dd>${number.format(totals.views)}</dd>
            <dd class="hint">${t.votes(totals.helpful, totals.notHelpful)}</dd></dl>
        </div>
      </section>
      ${this.renderCharts(d, t, percent)}
      <div class="tables">
        ${this.searchTable('top', t.topSearches, d.topSearches, t, number)}
        ${this.searchTable('none', t.noResultSearches, d.noResultSearches, t, number)}
        ${this.searchTable('gap', t.notOpenedSearches, d.notOpenedSearches, t, number)}
        ${this.articleTable('views', t.articlesByViews, d.articlesByViews, t, number, percent)}
        ${this.articleTable('votes', t.articlesByVotes, d.articlesByVotes, t, number, percent)}
        ${this.articleTable('after', t.articlesBeforeConversations, d.articlesBeforeConversations, t, number, percent)}
      </div>`;
  }

  private renderCharts(d: Insights, t: InsightsStrings, percent: Intl.NumberFormat) {
    const { unit, buckets } = bucketize(d.daily);
    const unitText = unit === 'day' ? t.byDay : unit === 'week' ? t.byWeek : t.byMonth;
    const labels = buckets.map((b) => bucketLabel(b, unit, this.locale));
    const count = (values: number[]): BarPoint[] => values.map((v, i) => ({ label: labels[i]!, value: v, text: barNumber(v, this.locale) }));
    const rates: BarPoint[] = buckets.map((b, i) => {
      const r = b.engagedVisits ? b.selfServiceVisits / b.engagedVisits : null;
      return { label: labels[i]!, value: r, text: r === null ? '–' : percent.format(r) };
    });
    const chart = (id: string, title: string, points: BarPoint[], max?: number) => {
      const described = t.chartLabel(title, unitText, points.map((p) => `${p.label} ${p.text}`).join(', '));
      return html`<figure aria-labelledby="${id}-caption">
        <figcaption id="${id}-caption">${title} <span>${unitText}</span></figcaption>
        ${barChart(points, described, max)}
      </figure>`;
    };
    return html`<section aria-labelledby="charts-title">
      <h3 id="charts-title" class="visually-hidden">${t.charts}</h3>
      <div class="charts">
        ${chart('chart-searches', t.chartSearches, count(buckets.map((b) => b.searches)))}
        ${chart('chart-no-result', t.chartNoResult, count(buckets.map((b) => b.noResult)))}
        ${chart('chart-self-service', t.chartSelfService, rates, 1)}
        ${chart('chart-conversations', t.chartConversations, count(buckets.map((b) => b.conversations)))}
      </div>
    </section>`;
  }

  private searchTable(id: 'top' | 'none' | 'gap', title: string, rows: SearchRow[], t: InsightsStrings, number: Intl.NumberFormat) {
    const gap = id !== 'top';
    const count = (r: SearchRow) => (id === 'top' ? r.searches : id === 'none' ? r.noResult : r.searches - r.noResult - r.opened);
    const countTitle = id === 'top' ? t.timesSearched : id === 'none' ? t.timesNoResult : t.timesNotOpened;
    return this.table(`searches-${id}`, title, gap ? t.gapsHint : undefined, rows.length, html`
      <thead><tr><th scope="col">${t.query}</th><th scope="col">${t.language}</th><th scope="col" class="n">${countTitle}</th>
        ${id === 'top' ? html`<th scope="col" class="n">${t.timesOpened}</th>` : nothing}
        ${gap ? html`<th scope="col"><span class="visually-hidden">${t.writeArticle}</span></th>` : nothing}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <td class="q" lang=${r.locale}>${r.query}</td>
        <td>${r.locale}</td>
        <td class="n">${number.format(count(r))}</td>
        ${id === 'top' ? html`<td class="n">${number.format(r.opened)}</td>` : nothing}
        ${gap ? html`<td><a href=${newArticleUrl(r.locale, r.query)} aria-label=${t.writeArticleFor(r.query)}>${t.writeArticle}</a></td>` : nothing}
      </tr>`)}</tbody>`, t);
  }

  private articleTable(
    id: 'views' | 'votes' | 'after', title: string, rows: ArticleRow[], t: InsightsStrings, number: Intl.NumberFormat, percent: Intl.NumberFormat,
  ) {
    return this.table(`articles-${id}`, title, id === 'after' ? t.articlesBeforeHint : undefined, rows.length, html`
      <thead><tr><th scope="col">${t.article}</th><th scope="col">${t.language}</th>
        ${id === 'views' ? html`<th scope="col" class="n">${t.viewsColumn}</th>` : nothing}
        ${id === 'votes' ? html`<th scope="col" class="n">${t.notHelpfulShare}</th><th scope="col" class="n">${t.notHelpfulColumn}</th><th scope="col" class="n">${t.helpfulColumn}</th>` : nothing}
        ${id === 'after' ? html`<th scope="col" class="n">${t.conversationsAfterColumn}</th><th scope="col" class="n">${t.viewsColumn}</th>` : nothing}
      </tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <td class="q" lang=${r.locale}>${r.title ?? r.slug} ${r.title === null ? html`<span class="muted" lang=${this.locale}>${t.unpublished}</span>` : nothing}</td>
        <td>${r.locale}</td>
        ${id === 'views' ? html`<td class="n">${number.format(r.views)}</td>` : nothing}
        ${id === 'votes' ? html`<td class="n">${percent.format(r.notHelpful / (r.helpful + r.notHelpful))}</td>
          <td class="n">${number.format(r.notHelpful)}</td><td class="n">${number.format(r.helpful)}</td>` : nothing}
        ${id === 'after' ? html`<td class="n">${number.format(r.conversationsAfter)}</td><td class="n">${number.format(r.views)}</td>` : nothing}
      </tr>`)}</tbody>`, t);
  }

  private table(id: string, title: string, hint: string | undefined, rows: number, body: TemplateResult, t: InsightsStrings) {
    return html`<section class="table" aria-labelledby="${id}-title">
      <h3 id="${id}-title">${title}</h3>
      ${hint ? html`<p>${hint}</p>` : nothing}
      ${rows ? html`<table aria-labelledby="${id}-title">${body}</table>` : html`<p class="empty">${t.nothing}</p>`}
    </section>`;
  }

  private dateLabel(day: string): string {
    return new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  }

  // ---- filters ------------------------------------------------------------------------------------

  private filter(): InsightsFilter {
    return { from: this.from, to: this.to, locale: this.contentLocale || undefined };
  }

  private choosePreset(preset: Preset): void {
    this.preset = preset;
    this.customInvalid = false;
    if (preset === 'custom') {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#from')?.focus());
      return;
    }
    this.to = todayUtc();
    this.from = daysBefore(this.to, preset - 1);
    void this.load();
  }

  private applyCustom(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const from = (form.elements.namedItem('from') as HTMLInputElement).value;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value;
    const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    this.customInvalid = !from || !to || !(span >= 1 && span <= MAX_DAYS);
    if (this.customInvalid) return;
    this.from = from;
    this.to = to;
    void this.load();
  }

  private chooseLocale(event: Event): void {
    this.contentLocale = (event.target as HTMLSelectElement).value as Locale | '';
    void this.load();
  }

  private async load(): Promise<void> {
    this.request?.abort();
    const controller = new AbortController();
    this.request = controller;
    this.status = 'loading';
    try {
      const data = await fetchInsights(this.filter(), controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.status = 'ready';
    } catch {
      if (controller.signal.aborted) return;
      this.status = 'error';
    } finally {
      if (this.request === controller) this.request = undefined;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'atiende-insights': AtiendeInsights;
  }
}
