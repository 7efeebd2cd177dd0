// Rebuilds the daily counters from the stored events, in SQL: on a database that had events before the
// counters existed, after a restore, or in the bench after a bulk fill. Visits are primary data (a
// visit is one row), so their counts come from the visits table.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { normalizeQuery } from './record.ts';

const DAY = (column: string) => sql.raw(`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`);

export function rebuildInsights(db: Db): void {
  // Searches stored before insights kept the visitor's capitals; count them as the same query they are
  // now (SQLite's own lower() folds ASCII only). The stored events are read, never rewritten.
  db.$client.function('atiende_query', { deterministic: true }, (query: unknown) => normalizeQuery(String(query)));
  db.transaction((tx) => {
    tx.run(sql`DELETE FROM search_days`);
    tx.run(sql`DELETE FROM article_days`);
    tx.run(sql`DELETE FROM insight_days`);
    tx.run(sql`
      INSERT INTO search_days (day, locale, query, searches, no_result, opened)
      SELECT ${DAY('created_at')}, locale, atiende_query(query), count(*), sum(result_count = 0), sum(opened)
      FROM search_events GROUP BY 1, 2, 3`);
    tx.run(sql`
      INSERT INTO article_days (day, locale, slug, views, helpful, not_helpful, conversations_after)
      SELECT day, locale, slug, sum(views), sum(helpful), sum(not_helpful), sum(after) FROM (
        SELECT ${DAY('created_at')} AS day, locale, slug, 1 AS views, 0 AS helpful, 0 AS not_helpful, 0 AS after FROM article_views
        UNION ALL
        SELECT ${DAY('created_at')}, locale, slug, 0, helpful, 1 - helpful, 0 FROM article_votes
        UNION ALL
        SELECT day, after_locale, after_slug, 0, 0, 0, 1 FROM conversation_starts WHERE after_slug IS NOT NULL
      ) GROUP BY day, locale, slug`);
    tx.run(sql`
      INSERT INTO insight_days (day, locale, searches, no_result, opened, views, engaged_visits, engaged_conversed, conversations, deflections)
      SELECT day, locale, sum(s), sum(n), sum(o), sum(v), sum(e), sum(ec), sum(c), sum(d) FROM (
        SELECT ${DAY('created_at')} AS day, locale, 1 AS s, result_count = 0 AS n, opened AS o, 0 AS v, 0 AS e, 0 AS ec, 0 AS c, 0 AS d
        FROM search_events
        UNION ALL
        SELECT ${DAY('created_at')}, locale, 0, 0, 0, 1, 0, 0, 0, 0 FROM article_views
        UNION ALL
        SELECT day, locale, 0, 0, 0, 0, 1, conversed, 0, 0 FROM visits WHERE searched OR read
        UNION ALL
        SELECT day, locale, 0, 0, 0, 0, 0, 0, 1, 0 FROM conversation_starts
        UNION ALL
        SELECT ${DAY('created_at')}, locale, 0, 0, 0, 0, 0, 0, 0, 1 FROM deflections
      ) GROUP BY day, locale`);
  });
}

/** Rebuilds when events exist but no counter does (a database from before insights). */
export function ensureInsightCounters(db: Db): boolean {
  const has = (table: string) => db.get<{ x: number } | undefined>(sql.raw(`SELECT 1 AS x FROM ${table} LIMIT 1`)) !== undefined;
  if (has('insight_days') || has('article_days') || has('search_days')) return false;
  if (!['search_events', 'article_views', 'article_votes', 'deflections', 'conversation_starts'].some(has)) return false;
  rebuildInsights(db);
  return true;
}
