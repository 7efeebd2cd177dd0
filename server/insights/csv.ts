// The insights of a period as CSV (RFC 4180, CRLF), with headers and labels in Spanish or English.
// Queries are what visitors typed: a leading = + - @ is escaped so a spreadsheet never runs it.
import { stringify } from 'csv-stringify/sync';
import type { Insights } from '../../protocol/insights.ts';
import type { Locale } from '../../protocol/locales.ts';

const LABELS = {
  en: {
    headers: ['section', 'day', 'locale', 'query or article', 'title', 'searches', 'no result', 'opened', 'views', 'helpful', 'not helpful', 'conversations', 'self-service visits'],
    top: 'top search', none: 'search with no result', gap: 'results, none opened', views: 'article by views',
    votes: 'article by votes', after: 'article before a conversation', daily: 'day', all: 'all',
  },
  es: {
    headers: ['sección', 'día', 'idioma', 'búsqueda o artículo', 'título', 'búsquedas', 'sin resultado', 'abiertas', 'vistas', 'útil', 'no útil', 'conversaciones', 'visitas autoservicio'],
    top: 'búsqueda más frecuente', none: 'búsqueda sin resultado', gap: 'con resultados, ninguno abierto', views: 'artículo por vistas',
    votes: 'artículo por votos', after: 'artículo antes de una conversación', daily: 'día', all: 'todos',
  },
} as const;

type Cell = string | number | null;

export function insightsCsv(insights: Insights, lang: Locale): string {
  const l = LABELS[lang];
  const rows: Cell[][] = [[...l.headers]];
  const searches = (label: string, list: Insights['topSearches']) => {
    for (const s of list) rows.push([label, null, s.locale, s.query, null, s.searches, s.noResult, s.opened, null, null, null, null, null]);
  };
  searches(l.top, insights.topSearches);
  searches(l.none, insights.noResultSearches);
  searches(l.gap, insights.notOpenedSearches);
  const articles = (label: string, list: Insights['articlesByViews']) => {
    for (const a of list) rows.push([label, null, a.locale, a.slug, a.title, null, null, null, a.views, a.helpful, a.notHelpful, a.conversationsAfter, null]);
  };
  articles(l.views, insights.articlesByViews);
  articles(l.votes, insights.articlesByVotes);
  articles(l.after, insights.articlesBeforeConversations);
  const locale = insights.period.locale ?? l.all;
  for (const d of insights.daily) {
    rows.push([l.daily, d.day, locale, null, null, d.searches, d.noResult, null, d.views, null, null, d.conversations, d.selfServiceVisits]);
  }
  return toCsv(rows);
}

/** Quotes a field holding a comma, a quote or a line break; doubles quotes; escapes formula starts. */
export function toCsv(rows: Cell[][]): string {
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/, escape_formulas: true });
}
