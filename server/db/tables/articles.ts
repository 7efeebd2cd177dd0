// Articles as editors write them: the working copy of each (slug, locale), every save as a revision,
// and which revision visitors see. Visitors are served only published revisions.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    locale: text('locale', { enum: ['es', 'en'] }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    category: text('category').notNull().default(''),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    /** Host-page URL paths where the article is suggested. */
    paths: text('paths', { mode: 'json' }).$type<string[]>().notNull(),
    /** Front-matter keys Atiende does not know, kept so an export gives them back. */
    extra: text('extra', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Markdown. */
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    /** The working copy's revision number; a save must name the version it was based on. */
    version: integer('version').notNull().default(1),
    /** The revision visitors see; null while not published. */
    publishedVersion: integer('published_version'),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    /** Staff id, or null for imports. */
    updatedBy: text('updated_by'),
    updatedByName: text('updated_by_name').notNull().default(''),
    createdAt: createdAt(),
    /** When the content last changed (saves, restores, imports): what "outdated translation" compares. */
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('articles_slug_locale_idx').on(t.slug, t.locale),
    index('articles_locale_status_idx').on(t.locale, t.status),
  ],
);

/** Every save of an article, in full: history, diffs and restores read from here. */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id').notNull().references(() => articles.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    category: text('category').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    paths: text('paths', { mode: 'json' }).$type<string[]>().notNull(),
    extra: text('extra', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    body: text('body').notNull(),
    /** What made this revision: an editor's save, a restore of an older one, or an import. */
    action: text('action', { enum: ['save', 'restore', 'import'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('article_revisions_article_version_idx').on(t.articleId, t.version)],
);

/** Each import of a folder of article files (the first start's seeding from KB_DIR among them). */
export const kbImports = sqliteTable('kb_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  dir: text('dir').notNull(),
  /** SHA-256 over every imported file's path and content. */
  fingerprint: text('fingerprint').notNull(),
  imported: integer('imported').notNull(),
  skipped: integer('skipped').notNull(),
  createdAt: createdAt(),
});
