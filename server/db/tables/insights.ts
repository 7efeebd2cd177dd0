// Insights: daily counters kept current on every write, so the insights page reads a few thousand
// summed rows instead of a million events. Days are UTC dates ('2026-12-03'). Nothing here names a
// visitor: a visit is a random id the widget makes per page load and keeps in memory only.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

/** One page load of the widget that searched, read, voted or asked for a person. */
export const visits = sqliteTable(
  'visits',
  {
    /** 32 hex characters, random, made in the visitor's browser and never stored there. */
    id: text('id').primaryKey(),
    day: text('day').notNull(),
    locale: text('locale').notNull(),
    searched: integer('searched', { mode: 'boolean' }).notNull().default(false),
    read: integer('read', { mode: 'boolean' }).notNull().default(false),
    conversed: integer('conversed', { mode: 'boolean' }).notNull().default(false),
    /** The settled-search candidate of this visit: a newer query typed right after it replaces it. */
    lastSearchId: integer('last_search_id'),
    lastSearchQuery: text('last_search_query'),
    lastSearchAt: integer('last_search_at', { mode: 'timestamp_ms' }),
    /** The article this visit read last: a conversation begun right after it counts against it. */
    lastArticleSlug: text('last_article_slug'),
    lastArticleLocale: text('last_article_locale'),
    lastArticleAt: integer('last_article_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('visits_day_idx').on(t.day, t.locale)],
);

/** A conversation begun, and the article read right before it (if any): that article did not help. */
export const conversationStarts = sqliteTable(
  'conversation_starts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    day: text('day').notNull(),
    locale: text('locale').notNull(),
    afterSlug: text('after_slug'),
    afterLocale: text('after_locale'),
    createdAt: createdAt(),
  },
  (t) => [index('conversation_starts_day_idx').on(t.day)],
);

/** Per day, locale and normalized query: how often it was searched, found nothing, or led to an article. */
export const searchDays = sqliteTable(
  'search_days',
  {
    day: text('day').notNull(),
    locale: text('locale').notNull(),
    query: text('query').notNull(),
    searches: integer('searches').notNull().default(0),
    noResult: integer('no_result').notNull().default(0),
    opened: integer('opened').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.locale, t.query] }),
    // Covering, in (locale, query) order: a year's rows are summed per query in one streaming pass over
    // this index, with no temporary B-tree (about 6x faster than grouping the day range at 1M searches).
    index('search_days_query_idx').on(t.locale, t.query, t.day, t.searches, t.noResult, t.opened),
  ],
);

/** Per day, locale and article: views, votes, and conversations begun right after reading it. */
export const articleDays = sqliteTable(
  'article_days',
  {
    day: text('day').notNull(),
    locale: text('locale').notNull(),
    slug: text('slug').notNull(),
    views: integer('views').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
    conversationsAfter: integer('conversations_after').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.locale, t.slug] }),
    // Covering, in (locale, slug) order, for the same streaming sums as search_days_query_idx.
    index('article_days_article_idx').on(t.locale, t.slug, t.day, t.views, t.helpful, t.notHelpful, t.conversationsAfter),
  ],
);

/** Per day and locale: the totals the charts draw. Visits count on the day they began. */
export const insightDays = sqliteTable(
  'insight_days',
  {
    day: text('day').notNull(),
    locale: text('locale').notNull(),
    searches: integer('searches').notNull().default(0),
    noResult: integer('no_result').notNull().default(0),
    /** Searches (counted on the day they were made) after which the visit opened an article. */
    opened: integer('opened').notNull().default(0),
    views: integer('views').notNull().default(0),
    /** Visits that searched or read an article. */
    engagedVisits: integer('engaged_visits').notNull().default(0),
    /** Of those, the ones that went on to open a conversation. */
    engagedConversed: integer('engaged_conversed').notNull().default(0),
    conversations: integer('conversations').notNull().default(0),
    deflections: integer('deflections').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.locale] })],
);
