// Reads the insights of a period from the daily counters, with SQL aggregates: the database sums and
// sorts; only the rows shown come back. Over a long period the per-query and per-article sums walk
// covering indexes in (locale, query) and (locale, slug) order, chosen with INDEXED BY: grouping a year
// of day rows through a temporary B-tree instead measured several times slower at 1,000,000 searches.
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

type SearchList = 'top' | 'none' | 'gap';
interface SearchAggregate { list: SearchList; query: string; locale: Locale; searches: number; noResult: number; opened: number }

/** What each list ranks by, as SQL over the grouped sums and as a function of a row. */
const RANKS: Record<SearchList, { sql: string; of: (r: SearchRow) => number }> = {
  top: { sql: 'searches', of: (r) => r.searches },
  none: { sql: 'noResult', of: (r) => r.noResult },
  gap: { sql: 'searches - noResult - opened', of: (r) => r.searches - r.noResult - r.opened },
};

/**
 * A short period reads its few days through the primary key (day first); a long one walks the covering
 * index in query order, which sums each query as it goes instead of sorting a temporary B-tree.
 */
const SHORT_PERIOD_DAYS = 45;
const grouped = (period: Period, locale: Locale | undefined, having: SQL) => sql`
  SELECT locale, query, sum(searches) AS searches, sum(no_result) AS noResult, sum(opened) AS opened
  FROM search_days ${period.days.length <= SHORT_PERIOD_DAYS ? sql.raw('INDEXED BY sqlite_autoindex_search_days_1') : sql.raw('INDEXED BY search_days_query_idx')}
  WHERE ${inPeriod(period, locale)} GROUP BY locale, query ${having}`;

/**
 * The three search lists. Most distinct queries of a long period were typed once (the long tail), and
 * none of those can outrank a query searched twice; so the lists are first drawn from the queries
 * searched at least twice, and a list is taken from all queries only when its last row ranks below 2
 * (where the tail could tie with it) or it is short.
 */
function searchLists(db: Db, period: Period, locale: Locale | undefined, limit: number): Record<SearchList, SearchRow[]> {
  const list = (name: SearchList) =>
    sql.raw(`SELECT * FROM (SELECT '${name}' AS list, * FROM g WHERE ${RANKS[name].sql} > 0 ORDER BY ${RANKS[name].sql} DESC, locale, query LIMIT ${limit})`);
  const rows = db.all<SearchAggregate>(sql`
    WITH g AS MATERIALIZED (${grouped(period, locale, sql`HAVING sum(searches) >= 2`)})
    ${list('top')} UNION ALL ${list('none')} UNION ALL ${list('gap')}`);
  const lists = {} as Record<SearchList, SearchRow[]>;
  for (const name of ['top', 'none', 'gap'] as const) {
    let picked: SearchRow[] = rows.filter((r) => r.list === name).map(({ query, locale, searches, noResult, opened }) => ({ query, locale, searches, noResult, opened }));
    const exact = picked.length === limit && RANKS[name].of(picked[limit - 1]!) >= 2;
    if (!exact) {
      picked = db.all<SearchRow>(sql`
        WITH g AS (${grouped(period, locale, sql``)})
        SELECT locale, query, searches, noResult, opened FROM g WHERE ${sql.raw(RANKS[name].sql)} > 0
        ORDER BY ${sql.raw(RANKS[name].sql)} DESC, locale, query LIMIT ${limit}`);
    }
    lists[name] = picked;
  }
  return lists;
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
  const rows = db.all<Omit<DailyRow, 'selfServiceVisits'> & { engagedConversed: number; opened: number }>(sql`
    SELECT day, sum(searches) AS searches, sum(no_result) AS noResult, sum(opened) AS opened, sum(views) AS views, sum(engaged_visits) AS engagedVisits,
      sum(engaged_conversed) AS engagedConversed, sum(conversations) AS conversations
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

/** Totals of the period that no list shows whole: searches answered by an article, and deflections. */
function periodTotals(db: Db, period: Period, locale: Locale | undefined): { opened: number; deflections: number } {
  return db.get<{ opened: number; deflections: number }>(sql`
    SELECT coalesce(sum(opened), 0) AS opened, coalesce(sum(deflections), 0) AS deflections
    FROM insight_days WHERE ${inPeriod(period, locale)}`)!;
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
    const { opened, deflections } = periodTotals(txDb, period, locale);
    return {
      period: { from: period.from, to: period.to, locale: locale ?? null },
      totals: {
        searches: total('searches'),
        noResult: total('noResult'),
        notOpened: total('searches') - total('noResult') - opened,
        views: total('views'),
        helpful: articles.sum.helpful,
        notHelpful: articles.sum.notHelpful,
        engagedVisits,
        selfServiceVisits,
        selfServiceRate: engagedVisits ? selfServiceVisits / engagedVisits : null,
        conversations: total('conversations'),
        conversationsAfterArticle: articles.sum.conversationsAfter,
        deflections,
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
