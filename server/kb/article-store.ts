// Articles in the database: the working copy, its revisions and what is published. Saves carry the
// version they were based on; a stale one is refused with the current article, never overwritten.
// Routes and the import call these; they never build SQL.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { EditorArticle } from '../../protocol/articles.ts';
import { isLocale, type Locale } from '../../protocol/locales.ts';
import type { Db } from '../db/client.ts';
import { articleRevisions, articles, kbImports } from '../db/schema.ts';
import { AtiendeError } from '../errors.ts';
import { renderArticle } from './render.ts';

export type ArticleRow = typeof articles.$inferSelect;
export type RevisionRow = typeof articleRevisions.$inferSelect;

/** What an editor writes: the front matter as fields, and the markdown body. */
export interface ArticleFields {
  title: string;
  summary: string;
  category: string;
  tags: string[];
  paths: string[];
  extra: Record<string, unknown>;
  body: string;
}

export interface Author {
  /** Staff id; null for imports from files. */
  id: string | null;
  name: string;
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/;
export const FIELD_KEYS = ['title', 'summary', 'category', 'tags', 'paths', 'extra', 'body'] as const;

const badField = (field: string, message: string) => new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, message, field);

/** Checks what a schema cannot: a title that is not blank, paths that are URL paths, markdown that renders. */
export function checkFields(fields: ArticleFields, options: { render?: boolean } = {}): ArticleFields {
  const title = fields.title.trim();
  if (!title) throw badField('title', 'The title must not be blank');
  const paths = fields.paths.map((p) => p.trim()).filter(Boolean);
  const bad = paths.find((p) => !p.startsWith('/'));
  if (bad) throw badField('paths', `paths has "${bad}": each must be a URL path starting with /`);
  const tags = fields.tags.map((t) => t.trim()).filter(Boolean);
  const reserved = Object.keys(fields.extra).find((k) => ['title', 'summary', 'category', 'tags', 'paths', 'locale', 'status'].includes(k));
  if (reserved) throw badField(`extra.${reserved}`, `"${reserved}" is a field of its own, not an extra front-matter key`);
  if (options.render !== false) {
    try {
      renderArticle(fields.body);
    } catch (err) {
      throw badField('body', `The markdown could not be rendered: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  // One trailing newline: a file written by an export and read back is the same text.
  const body = `${fields.body.replace(/\s+$/, '')}\n`;
  return { ...fields, title, summary: fields.summary.trim(), category: fields.category.trim(), tags, paths, body };
}

export function checkSlug(slug: string): string {
  if (!SLUG_PATTERN.test(slug) || slug.length > 200 || slug.includes('..') || slug.endsWith('/')) {
    throw badField('slug', `"${slug}" is not a usable slug: use lower-case letters, digits, - _ . and / (like billing/refunds)`);
  }
  return slug;
}

const contentOf = (r: ArticleFields): ArticleFields => ({
  title: r.title, summary: r.summary, category: r.category, tags: r.tags, paths: r.paths, extra: r.extra, body: r.body,
});

export function sameContent(a: ArticleFields, b: ArticleFields): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}

export function getArticle(db: Db, locale: Locale, slug: string): ArticleRow | undefined {
  return db.select().from(articles).where(and(eq(articles.locale, locale), eq(articles.slug, slug))).get();
}

export function requireArticle(db: Db, locale: Locale, slug: string): ArticleRow {
  const row = getArticle(db, locale, slug);
  if (!row) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, `The article "${slug}" in locale "${locale}" was not found`);
  return row;
}

export function countArticles(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(articles).get()!.n;
}

export function countDrafts(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(articles).where(eq(articles.status, 'draft')).get()!.n;
}

/** An article as the editor reads it (dates as milliseconds). */
export function editorArticle(row: ArticleRow): EditorArticle {
  return {
    slug: row.slug, locale: row.locale, title: row.title, summary: row.summary, category: row.category, tags: row.tags, paths: row.paths,
    extra: row.extra, body: row.body, status: row.status, version: row.version, publishedVersion: row.publishedVersion,
    publishedAt: row.publishedAt?.getTime() ?? null, updatedAt: row.updatedAt.getTime(), updatedByName: row.updatedByName,
    createdAt: row.createdAt.getTime(),
  };
}


function conflict(current: ArticleRow, based: number): AtiendeError {
  const by = current.updatedByName ? ` by ${current.updatedByName}` : '';
  return new AtiendeError(
    'ATIENDE_ERR_CONFLICT', 409,
    `This article was changed${by} since you opened it (you edited version ${based}, it is now at version ${current.version}). Your text was not saved over theirs: copy it, reload and apply your changes again.`,
    'version', { current: editorArticle(current) },
  );
}

function addRevision(db: Db, row: ArticleRow, action: RevisionRow['action'], author: Author): void {
  db.insert(articleRevisions).values({
    articleId: row.id, version: row.version, ...contentOf(row), action, authorId: author.id, authorName: author.name,
    createdAt: row.updatedAt,
  }).run();
}

export interface NewArticle extends ArticleFields {
  slug: string;
  locale: Locale;
  status?: 'draft' | 'published';
}

/** A new article (a draft unless told otherwise), with its first revision. 409 if the slug is taken in that locale. */
export function createArticle(db: Db, input: NewArticle, author: Author, action: RevisionRow['action'] = 'save'): ArticleRow {
  checkSlug(input.slug);
  // Imported files were parsed by the loader already; rendering thousands of them again slows seeding.
  const fields = checkFields(input, { render: action !== 'import' });
  return db.transaction((tx) => {
    if (getArticle(db, input.locale, input.slug)) {
      throw new AtiendeError('ATIENDE_ERR_EXISTS', 409, `An article "${input.slug}" in locale "${input.locale}" already exists`, 'slug');
    }
    const now = new Date();
    const published = input.status === 'published';
    const row = tx.insert(articles).values({
      slug: input.slug, locale: input.locale, ...fields, status: published ? 'published' : 'draft', version: 1,
      publishedVersion: published ? 1 : null, publishedAt: published ? now : null,
      updatedBy: author.id, updatedByName: author.name, createdAt: now, updatedAt: now,
    }).returning().get();
    addRevision(db, row, action, author);
    return row;
  });
}

/** Saves a new revision on top of `baseVersion`; 409 with the current article when someone saved in between. */
export function saveArticle(
  db: Db, locale: Locale, slug: string, baseVersion: number, input: ArticleFields, author: Author,
  action: RevisionRow['action'] = 'save',
): ArticleRow {
  const fields = checkFields(input, { render: action !== 'import' });
  return db.transaction((tx) => {
    const current = requireArticle(db, locale, slug);
    if (current.version !== baseVersion) throw conflict(current, baseVersion);
    // The guard in the WHERE makes the check and the write one step, whatever else runs.
    const row = tx.update(articles).set({
      ...fields, version: current.version + 1, updatedBy: author.id, updatedByName: author.name, updatedAt: new Date(),
    }).where(and(eq(articles.id, current.id), eq(articles.version, baseVersion))).returning().get();
    if (!row) throw conflict(requireArticle(db, locale, slug), baseVersion);
    addRevision(db, row, action, author);
    return row;
  });
}

/** Makes `baseVersion` (which must be the current one) what visitors see. */
export function publishArticle(db: Db, locale: Locale, slug: string, baseVersion: number, author: Author): ArticleRow {
  return db.transaction((tx) => {
    const current = requireArticle(db, locale, slug);
    if (current.version !== baseVersion) throw conflict(current, baseVersion);
    return tx.update(articles).set({
      status: 'published', publishedVersion: current.version, publishedAt: new Date(), updatedBy: author.id, updatedByName: author.name,
    }).where(eq(articles.id, current.id)).returning().get();
  });
}

/** Takes an article away from visitors and search; its text and history stay. */
export function unpublishArticle(db: Db, locale: Locale, slug: string, author: Author): ArticleRow {
  const current = requireArticle(db, locale, slug);
  return db.update(articles).set({ status: 'draft', publishedVersion: null, publishedAt: null, updatedBy: author.id, updatedByName: author.name })
    .where(eq(articles.id, current.id)).returning().get();
}

export function listRevisions(db: Db, articleId: number): Omit<RevisionRow, 'body' | 'extra'>[] {
  return db.select({
    id: articleRevisions.id, articleId: articleRevisions.articleId, version: articleRevisions.version, title: articleRevisions.title,
    summary: articleRevisions.summary, category: articleRevisions.category, tags: articleRevisions.tags, paths: articleRevisions.paths,
    action: articleRevisions.action, authorId: articleRevisions.authorId, authorName: articleRevisions.authorName, createdAt: articleRevisions.createdAt,
  }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).orderBy(desc(articleRevisions.version)).all();
}

export function getRevision(db: Db, articleId: number, version: number): RevisionRow {
  const row = db.select().from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.version, version))).get();
  if (!row) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, `Revision ${version} of this article was not found`, 'version');
  return row;
}

/** Saves an older revision's content as the newest revision (history is never rewritten). */
export function restoreRevision(db: Db, locale: Locale, slug: string, version: number, baseVersion: number, author: Author): ArticleRow {
  const current = requireArticle(db, locale, slug);
  const old = getRevision(db, current.id, version);
  return saveArticle(db, locale, slug, baseVersion, contentOf(old), author, 'restore');
}

export interface ArticleListItem {
  slug: string;
  locale: Locale;
  title: string;
  category: string;
  status: 'draft' | 'published';
  version: number;
  publishedVersion: number | null;
  updatedAt: Date;
  updatedByName: string;
  /** Locales this article has no version in. */
  missingTranslations: Locale[];
  /** Another locale's version changed after this one. */
  outdatedTranslation: boolean;
}

export interface ListFilters {
  locale?: Locale;
  status?: 'draft' | 'published';
  category?: string;
  q?: string;
  missingTranslation?: boolean;
  outdatedTranslation?: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Every article with its translation state. The whole list is read once (titles and metadata, no
 * bodies unless searching): thousands of rows, fine for a staff page.
 */
export function listArticles(db: Db, filters: ListFilters = {}): ArticleListItem[] {
  const rows = db.select({
    slug: articles.slug, locale: articles.locale, title: articles.title, category: articles.category, status: articles.status,
    version: articles.version, publishedVersion: articles.publishedVersion, updatedAt: articles.updatedAt,
    updatedByName: articles.updatedByName, summary: articles.summary, tags: articles.tags,
    body: filters.q ? articles.body : sql<string>`''`,
  }).from(articles).orderBy(asc(articles.category), asc(articles.slug), asc(articles.locale)).all();
  const bySlug = new Map<string, Map<Locale, Date>>();
  for (const r of rows) {
    if (!bySlug.has(r.slug)) bySlug.set(r.slug, new Map());
    bySlug.get(r.slug)!.set(r.locale, r.updatedAt);
  }
  const locales = ['es', 'en'].filter(isLocale);
  const words = filters.q ? fold(filters.q).split(/\s+/).filter(Boolean) : [];
  const out: ArticleListItem[] = [];
  for (const r of rows) {
    const versions = bySlug.get(r.slug)!;
    const missingTranslations = locales.filter((l) => !versions.has(l));
    const outdatedTranslation = [...versions].some(([l, t]) => l !== r.locale && t.getTime() > r.updatedAt.getTime());
    if (filters.locale && r.locale !== filters.locale) continue;
    if (filters.status && r.status !== filters.status) continue;
    if (filters.category && r.category !== filters.category) continue;
    if (filters.missingTranslation && !missingTranslations.length) continue;
    if (filters.outdatedTranslation && !outdatedTranslation) continue;
    if (words.length) {
      const hay = fold(`${r.slug} ${r.title} ${r.summary} ${r.tags.join(' ')} ${r.body}`);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    out.push({
      slug: r.slug, locale: r.locale, title: r.title, category: r.category, status: r.status, version: r.version,
      publishedVersion: r.publishedVersion, updatedAt: r.updatedAt, updatedByName: r.updatedByName, missingTranslations, outdatedTranslation,
    });
  }
  return out;
}

export function categories(db: Db): string[] {
  return db.selectDistinct({ c: articles.category }).from(articles).orderBy(asc(articles.category)).all().map((r) => r.c).filter(Boolean);
}

export interface PublishedArticle extends ArticleFields {
  slug: string;
  locale: Locale;
  /** The published revision's number: a changed number means changed content. */
  version: number;
}

/** What visitors see: the published revision of every published article. */
export function publishedArticles(db: Db): PublishedArticle[] {
  return db.select({
    slug: articles.slug, locale: articles.locale, version: articleRevisions.version, title: articleRevisions.title,
    summary: articleRevisions.summary, category: articleRevisions.category, tags: articleRevisions.tags, paths: articleRevisions.paths,
    extra: articleRevisions.extra, body: articleRevisions.body,
  }).from(articles)
    .innerJoin(articleRevisions, and(eq(articleRevisions.articleId, articles.id), eq(articleRevisions.version, articles.publishedVersion)))
    .where(eq(articles.status, 'published'))
    .orderBy(asc(articles.category), asc(articles.slug)).all();
}

/** (locale, slug, version) of every published article: enough to tell whether the search indexes are current. */
export function publishedVersions(db: Db): { locale: Locale; slug: string; version: number }[] {
  return db.select({ locale: articles.locale, slug: articles.slug, version: sql<number>`${articles.publishedVersion}` })
    .from(articles).where(eq(articles.status, 'published')).orderBy(asc(articles.locale), asc(articles.slug)).all();
}

export function publishedBody(db: Db, locale: Locale, slug: string): string | undefined {
  return db.select({ body: articleRevisions.body }).from(articles)
    .innerJoin(articleRevisions, and(eq(articleRevisions.articleId, articles.id), eq(articleRevisions.version, articles.publishedVersion)))
    .where(and(eq(articles.locale, locale), eq(articles.slug, slug), eq(articles.status, 'published'))).get()?.body;
}

export function recordImport(db: Db, entry: { dir: string; fingerprint: string; imported: number; skipped: number }): void {
  db.insert(kbImports).values(entry).run();
}

export function publishedArticle(db: Db, locale: Locale, slug: string): PublishedArticle | undefined {
  return db.select({
    slug: articles.slug, locale: articles.locale, version: articleRevisions.version, title: articleRevisions.title,
    summary: articleRevisions.summary, category: articleRevisions.category, tags: articleRevisions.tags, paths: articleRevisions.paths,
    extra: articleRevisions.extra, body: articleRevisions.body,
  }).from(articles)
    .innerJoin(articleRevisions, and(eq(articleRevisions.articleId, articles.id), eq(articleRevisions.version, articles.publishedVersion)))
    .where(and(eq(articles.locale, locale), eq(articles.slug, slug), eq(articles.status, 'published'))).get();
}
