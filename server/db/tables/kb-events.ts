// Knowledge-base events: searches, views and votes are counted, not attributed to a visitor.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

/** Each search a visitor ran: what was asked, in which locale, and how many articles answered. */
export const searchEvents = sqliteTable(
  'search_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    query: text('query').notNull(),
    locale: text('locale').notNull(),
    resultCount: integer('result_count').notNull(),
    /** An article was opened right after this search (by the same visit). */
    opened: integer('opened', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('search_events_created_idx').on(t.createdAt),
    index('search_events_locale_created_idx').on(t.locale, t.createdAt),
  ],
);

/** An article opened by a visitor. */
export const articleViews = sqliteTable(
  'article_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    locale: text('locale').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('article_views_article_idx').on(t.locale, t.slug), index('article_views_created_idx').on(t.createdAt)],
);

/** "Was this helpful?" answers. */
export const articleVotes = sqliteTable(
  'article_votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    locale: text('locale').notNull(),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('article_votes_article_idx').on(t.locale, t.slug), index('article_votes_created_idx').on(t.createdAt)],
);
