// Reads the insights of a period from the daily counters, with SQL aggregates: the database sums and
// sorts; only the rows shown come back. The per-query and per-article sums walk covering indexes in
// (locale, query) and (locale, slug) order (INDEXED BY, so the planner never falls back to grouping a
// day range through a temporary B-tree, which bench:insights measured 6x slower over a year).
import { sql, type SQL } from 'drizzle-orm';
import type { ArticleRow, DailyRow, Insights, SearchRow } from '../../protocol/insights.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { Db } from '../db/client.ts';
import type { Period } from './period.ts';

export interface InsightsRequest {
  period: Period;
  locale?: Locale;
  /** Rows per list: a screenful for the page, more for the CSV. */
  limit: number;
  /** The published title of an article, or undefined. */
  titleOf: (locale: Locale, slug: string) => string | undefined;
}

const inPeriod = (period: Period, locale?: Locale): SQL =>
  locale ? sql`day BETWEEN ${period.from} AND ${period.to} AND locale = ${locale}` : sql`day BETWEEN ${period.from} AND ${period.to}`;

interface SearchAggregate { list: 'top' | 'none' | 'gap' | 'sum'; query: string; locale: Locale; searches: number; noResult: number; opened: number }

/** The three search lists and their totals in one pass over the period's rows. */
function searchLists(db: Db, period: Period, locale: Locale | undefined, limit: number) {
  const rows = db.all<SearchAggregate>(sql`
    WITH g AS MATERIALIZED (
      SELECT locale, query, sum(searches) AS searches, sum(no_result) AS noResult, sum(opened) AS opened
      FROM search_days INDEXED BY search_days_query_idx WHERE ${inPeriod(period, locale)} GROUP BY locale, query
    )
    SELECT * FROM (SELECT 'top' AS list, * FROM g ORDER BY searches DESC, query LIMIT ${limit})
    UNION ALL SELECT * FROM (SELECT 'none' AS list, * FROM g WHERE noResult > 0 ORDER BY noResult DESC, query LIMIT ${limit})
    UNION ALL SELECT * FROM (
      SELECT 'gap' AS list, * FROM g WHERE searches - noResult - opened > 0 ORDER BY searches - noResult - opened DESC, query LIMIT ${limit})
    UNION ALL SELECT 'sum', '', '', coalesce(sum(searches), 0), coalesce(sum(noResult), 0), coalesce(sum(opened), 0) FROM g`);
  const pick = (list: SearchAggregate['list']): SearchRow[] =>
    rows.filter((r) => r.list === list).map(({ query, locale, searches, noResult, opened }) => ({ query, locale, searches, noResult, opened }));
  const sum = rows.find((r) => r.list === 'sum')!;
  return { top: pick('top'), none: pick('none'), gap: pick('gap'), notOpened: sum.searches - sum.noResult - sum.opened };
}

interface ArticleAggregate { list: 'views' | 'votes' | 'after' | 'sum'; slug: string; locale: Locale; views: number; helpful: number; notHelpful: number; conversationsAfter: number }

function articleLists(db: Db, request: InsightsRequest) {
  const { period, locale, limit } = request;
  const rows = db.all<ArticleAggregate>(sql`
    WITH g AS MATERIALIZED (
      SELECT locale, slug, sum(views) AS views, sum(helpful) AS helpful, sum(not_helpful) AS notHelpful,
        sum(conversations_after) AS conversationsAfter
      FROM article_days INDEXED BY article_days_article_idx WHERE ${inPeriod(period, locale)} GROUP BY locale, slug
    )
    SELECT * FROM (SELECT 'views' AS list, * FROM g WHERE views > 0 ORDER BY views DESC, slug LIMIT ${limit})
    UNION ALL SELECT * FROM (
      SELECT 'votes' AS list, * FROM g WHERE helpful + notHelpful > 0
      ORDER BY CAST(notHelpful AS REAL) / (helpful + notHelpful) DESC, notHelpful DESC, slug LIMIT ${limit})
    UNION ALL SELECT * FROM (SELECT 'after' AS list, * FROM g WHERE conversationsAfter > 0 ORDER BY conversationsAfter DESC, slug LIMIT ${limit})
    UNION ALL SELECT 'sum', '', '', coalesce(sum(views), 0), coalesce(sum(helpful), 0), coalesce(sum(notHelpful), 0),
      coalesce(sum(conversationsAfter), 0) FROM g`);
  const pick = (list: ArticleAggregate['list']): ArticleRow[] =>
    rows.filter((r) => r.list === list).map(({ slug, locale, views, helpful, notHelpful, conversationsAfter }) => ({
      slug, locale, title: request.titleOf(locale, slug) ?? null, views, helpful, notHelpful, conversationsAfter,
    }));
  return { views: pick('views'), votes: pick('votes'), after: pick('after'), sum: rows.find((r) => r.list === 'sum')! };
}

/** One row per day of the period, zeros included, so a chart's x axis is the calendar. */
function dailySeries(db: Db, period: Period, locale: Locale | undefined): DailyRow[] {
  const rows = db.all<Omit<DailyRow, 'selfServiceVisits'> & { engagedConversed: number; deflections: number }>(sql`
    SELECT day, sum(searches) AS searches, sum(no_result) AS noResult, sum(views) AS views, sum(engaged_visits) AS engagedVisits,
      sum(engaged_conversed) AS engagedConversed, sum(conversations) AS conversations, sum(deflections) AS deflections
    FROM insight_days WHERE ${inPeriod(period, locale)} GROUP BY day`);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return period.days.map((day) => {
    const r = byDay.get(day);
    return {
      day,
      searches: r?.searches ?? 0,
      noResult: r?.noResult ?? 0,
      views: r?.views ?? 0,
      engagedVisits: r?.engagedVisits ?? 0,
      selfServiceVisits: r ? r.engagedVisits - r.engagedConversed : 0,
      conversations: r?.conversations ?? 0,
    };
  });
}

function totalDeflections(db: Db, period: Period, locale: Locale | undefined): number {
  return db.get<{ n: number }>(sql`SELECT coalesce(sum(deflections), 0) AS n FROM insight_days WHERE ${inPeriod(period, locale)}`)!.n;
}

export function readInsights(db: Db, request: InsightsRequest): Insights {
  const { period, locale } = request;
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const searches = searchLists(txDb, period, locale, request.limit);
    const articles = articleLists(txDb, request);
    const daily = dailySeries(txDb, period, locale);
    const total = (key: keyof DailyRow) => daily.reduce((n, d) => n + (d[key] as number), 0);
    const engagedVisits = total('engagedVisits');
    const selfServiceVisits = total('selfServiceVisits');
    return {
      period: { from: period.from, to: period.to, locale: locale ?? null },
      totals: {
        searches: total('searches'),
        noResult: total('noResult'),
        notOpened: searches.notOpened,
        views: total('views'),
        helpful: articles.sum.helpful,
        notHelpful: articles.sum.notHelpful,
        engagedVisits,
        selfServiceVisits,
        selfServiceRate: engagedVisits ? selfServiceVisits / engagedVisits : null,
        conversations: total('conversations'),
        conversationsAfterArticle: articles.sum.conversationsAfter,
        deflections: totalDeflections(txDb, period, locale),
      },
      topSearches: searches.top,
      noResultSearches: searches.none,
      notOpenedSearches: searches.gap,
      articlesByViews: articles.views,
      articlesByVotes: articles.votes,
      articlesBeforeConversations: articles.after,
      daily,
    };
  }, { behavior: 'deferred' });
}
