// Queries on what visitors opened, and how what they typed is kept. Recording lives in ../insights/record.ts.
import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { Locale } from '../../protocol/locales.ts';
import type { Db } from './client.ts';
import { articleViews } from './schema.ts';

// Queries can carry what a visitor typed about themselves; keep the question, drop the identifiers.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const LONG_NUMBER = /\+?\d[\d\s-]{5,}\d/g;

export function redactQuery(query: string): string {
  return query.replace(EMAIL, '[email]').replace(LONG_NUMBER, '[number]').trim();
}

/** The most opened articles of a locale since a moment, most viewed first. */
export function mostViewedArticles(db: Db, locale: Locale, since: Date, limit: number): { slug: string; views: number }[] {
  return db
    .select({ slug: articleViews.slug, views: count() })
    .from(articleViews)
    .where(and(eq(articleViews.locale, locale), gte(articleViews.createdAt, since)))
    .groupBy(articleViews.slug)
    .orderBy(desc(count()), articleViews.slug)
    .limit(limit)
    .all();
}
