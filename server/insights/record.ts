// Recording what visitors do for insights: each event is stored raw and added to the daily counters in
// the same transaction, so the counters never disagree with the events they sum.
// A visit id (random, per page load) links a visit's searches, reads and conversation start; nothing
// links any of it to a person.
import { and, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../protocol/locales.ts';
import type { Db } from '../db/client.ts';
import { redactQuery } from '../db/kb-events.ts';
import {
  articleDays, articleViews, articleVotes, conversationStarts, deflections, insightDays, searchDays, searchEvents, visits,
} from '../db/schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A newer query typed this soon after the last one of the same visit, and related to it, replaces it. */
export const BURST_MS = 5_000;
/** An article opened this soon after a search counts as that search's answer. */
export const OPEN_WINDOW_MS = 30 * 60_000;
/** A conversation begun this soon after reading an article counts against the article. */
export const AFTER_ARTICLE_MS = 30 * 60_000;

/** The UTC day of a moment: '2026-12-03'. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** How a query is counted: its personal data redacted, lower case, single spaces. */
export function normalizeQuery(query: string): string {
  return redactQuery(query).toLocaleLowerCase('und').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Typing on (or backspacing) turns one query into the other. */
const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

type DayCounts = Partial<Record<'searches' | 'noResult' | 'opened' | 'views' | 'engagedVisits' | 'engagedConversed' | 'conversations' | 'deflections', number>>;

function addDay(tx: Tx, day: string, locale: string, add: DayCounts): void {
  const set: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(add)) {
    const column = insightDays[key as keyof DayCounts];
    set[key] = sql`${column} + ${n}`;
  }
  tx.insert(insightDays).values({ day, locale, ...add }).onConflictDoUpdate({ target: [insightDays.day, insightDays.locale], set }).run();
}

function addSearch(tx: Tx, day: string, locale: string, query: string, add: { searches?: number; noResult?: number; opened?: number }): void {
  const set: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(add)) set[key] = sql`${searchDays[key as keyof typeof add]} + ${n}`;
  tx.insert(searchDays).values({ day, locale, query, ...add })
    .onConflictDoUpdate({ target: [searchDays.day, searchDays.locale, searchDays.query], set }).run();
}

function addArticle(tx: Tx, day: string, locale: string, slug: string, add: { views?: number; helpful?: number; notHelpful?: number; conversationsAfter?: number }): void {
  const set: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(add)) set[key] = sql`${articleDays[key as keyof typeof add]} + ${n}`;
  tx.insert(articleDays).values({ day, locale, slug, ...add })
    .onConflictDoUpdate({ target: [articleDays.day, articleDays.locale, articleDays.slug], set }).run();
}

/** The visit, created on its first event; it belongs to the day and locale it began in. */
function visitFor(tx: Tx, id: string, locale: Locale, now: number) {
  tx.insert(visits).values({ id, day: dayOf(now), locale }).onConflictDoNothing().run();
  return tx.select().from(visits).where(eq(visits.id, id)).get()!;
}

/** A visit that searches or reads for the first time becomes an engaged visit of the day it began. */
function engage(tx: Tx, visit: typeof visits.$inferSelect, how: 'searched' | 'read'): void {
  if (visit[how]) return;
  tx.update(visits).set({ [how]: true }).where(eq(visits.id, visit.id)).run();
  if (visit.searched || visit.read) return;
  addDay(tx, visit.day, visit.locale, visit.conversed ? { engagedVisits: 1, engagedConversed: 1 } : { engagedVisits: 1 });
}

export interface SearchInput {
  query: string;
  locale: Locale;
  resultCount: number;
  visit?: string;
  now?: number;
}

/**
 * Records a search once the visitor has settled on it: while a visit types ("ref", "refu", "refund"),
 * each newer related query replaces the one before it, in the raw event and in the counters.
 */
export function recordSearch(db: Db, input: SearchInput): void {
  const query = normalizeQuery(input.query);
  if (!query) return;
  const now = input.now ?? Date.now();
  const noResult = input.resultCount === 0 ? 1 : 0;
  db.transaction((tx) => {
    const visit = input.visit ? visitFor(tx, input.visit, input.locale, now) : undefined;
    if (visit?.lastSearchId && visit.lastSearchAt && visit.lastSearchQuery !== null
      && now - visit.lastSearchAt.getTime() < BURST_MS && related(query, visit.lastSearchQuery)) {
      const prior = tx.select().from(searchEvents).where(eq(searchEvents.id, visit.lastSearchId)).get();
      if (prior && !prior.opened) {
        const day = dayOf(prior.createdAt.getTime());
        const priorNoResult = prior.resultCount === 0 ? 1 : 0;
        addSearch(tx, day, prior.locale, prior.query, { searches: -1, noResult: -priorNoResult });
        tx.delete(searchDays).where(and(eq(searchDays.day, day), eq(searchDays.locale, prior.locale), eq(searchDays.query, prior.query), eq(searchDays.searches, 0))).run();
        addDay(tx, day, prior.locale, { searches: -1, noResult: -priorNoResult });
        tx.update(searchEvents).set({ query, locale: input.locale, resultCount: input.resultCount }).where(eq(searchEvents.id, prior.id)).run();
        addSearch(tx, day, input.locale, query, { searches: 1, noResult });
        addDay(tx, day, input.locale, { searches: 1, noResult });
        tx.update(visits).set({ lastSearchQuery: query, lastSearchAt: new Date(now) }).where(eq(visits.id, visit.id)).run();
        return;
      }
    }
    const { id } = tx.insert(searchEvents)
      .values({ query, locale: input.locale, resultCount: input.resultCount, createdAt: new Date(now) })
      .returning({ id: searchEvents.id }).get();
    const day = dayOf(now);
    addSearch(tx, day, input.locale, query, { searches: 1, noResult });
    addDay(tx, day, input.locale, { searches: 1, noResult });
    if (visit) {
      tx.update(visits).set({ lastSearchId: id, lastSearchQuery: query, lastSearchAt: new Date(now) }).where(eq(visits.id, visit.id)).run();
      engage(tx, visit, 'searched');
    }
  });
}

/** An article opened; with a visit, it answers the visit's last search (if recent and not yet answered). */
export function recordView(db: Db, input: { slug: string; locale: Locale; visit?: string; now?: number }): void {
  const now = input.now ?? Date.now();
  const day = dayOf(now);
  db.transaction((tx) => {
    tx.insert(articleViews).values({ slug: input.slug, locale: input.locale, createdAt: new Date(now) }).run();
    addArticle(tx, day, input.locale, input.slug, { views: 1 });
    addDay(tx, day, input.locale, { views: 1 });
    if (!input.visit) return;
    const visit = visitFor(tx, input.visit, input.locale, now);
    if (visit.lastSearchId && visit.lastSearchAt && now - visit.lastSearchAt.getTime() < OPEN_WINDOW_MS) {
      const search = tx.select().from(searchEvents).where(eq(searchEvents.id, visit.lastSearchId)).get();
      if (search && !search.opened && search.resultCount > 0) {
        tx.update(searchEvents).set({ opened: true }).where(eq(searchEvents.id, search.id)).run();
        const searchDay = dayOf(search.createdAt.getTime());
        addSearch(tx, searchDay, search.locale, search.query, { opened: 1 });
        addDay(tx, searchDay, search.locale, { opened: 1 });
      }
    }
    tx.update(visits).set({ lastArticleSlug: input.slug, lastArticleLocale: input.locale, lastArticleAt: new Date(now) })
      .where(eq(visits.id, visit.id)).run();
    engage(tx, visit, 'read');
  });
}

export function recordVote(db: Db, input: { slug: string; locale: Locale; helpful: boolean; visit?: string; now?: number }): void {
  const now = input.now ?? Date.now();
  db.transaction((tx) => {
    tx.insert(articleVotes).values({ slug: input.slug, locale: input.locale, helpful: input.helpful, createdAt: new Date(now) }).run();
    addArticle(tx, dayOf(now), input.locale, input.slug, input.helpful ? { helpful: 1 } : { notHelpful: 1 });
    // Voting on an article means it was read, even when the view was not counted (a lost request).
    if (input.visit) engage(tx, visitFor(tx, input.visit, input.locale, now), 'read');
  });
}

/** "Yes, this solved it" before talking to a person. */
export function recordDeflection(db: Db, input: { locale: Locale; slug?: string; visit?: string; now?: number }): void {
  const now = input.now ?? Date.now();
  db.transaction((tx) => {
    tx.insert(deflections).values({ locale: input.locale, slug: input.slug ?? null, createdAt: new Date(now) }).run();
    addDay(tx, dayOf(now), input.locale, { deflections: 1 });
  });
}

/**
 * A new conversation. The article it began right after is the one the visit read last (within
 * AFTER_ARTICLE_MS), else the last article the widget says was read (`fallback`, already checked).
 */
export function recordConversationStart(
  db: Db,
  input: { locale: Locale; visit?: string; fallback?: { slug: string; locale: Locale }; now?: number },
): void {
  const now = input.now ?? Date.now();
  const day = dayOf(now);
  db.transaction((tx) => {
    let after = input.fallback;
    if (input.visit) {
      const visit = visitFor(tx, input.visit, input.locale, now);
      if (visit.lastArticleSlug && visit.lastArticleLocale && visit.lastArticleAt && now - visit.lastArticleAt.getTime() < AFTER_ARTICLE_MS) {
        after = { slug: visit.lastArticleSlug, locale: visit.lastArticleLocale as Locale };
      }
      if (!visit.conversed) {
        tx.update(visits).set({ conversed: true }).where(eq(visits.id, visit.id)).run();
        if (visit.searched || visit.read) addDay(tx, visit.day, visit.locale, { engagedConversed: 1 });
      }
    }
    tx.insert(conversationStarts)
      .values({ day, locale: input.locale, afterSlug: after?.slug ?? null, afterLocale: after?.locale ?? null, createdAt: new Date(now) }).run();
    addDay(tx, day, input.locale, { conversations: 1 });
    if (after) addArticle(tx, day, after.locale, after.slug, { conversationsAfter: 1 });
  });
}
