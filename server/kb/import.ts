// Reads a folder of article files (kb-content format, or the Jekyll `<name>._<locale>.md` convention)
// into the database. New articles are added; an article that differs from the database is left alone
// unless `force`, which saves the file's version as a new revision (history keeps the old one).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import {
  createArticle, getArticle, publishArticle, recordImport, sameContent, saveArticle, unpublishArticle, type ArticleFields, type Author,
} from './article-store.ts';
import { articleFiles, parseArticleSource, SkipError, type SkippedFile } from './loader.ts';

export interface ImportReport {
  dir: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Articles that differ from the database and were not overwritten (no `force`). */
  conflicts: SkippedFile[];
  /** Files that are not articles, with the reason. */
  skipped: SkippedFile[];
  fingerprint: string;
}

export const IMPORT_AUTHOR: Author = { id: null, name: 'import' };

export function importDirectory(db: Db, dir: string, options: { force?: boolean; author?: Author } = {}): ImportReport {
  const author = options.author ?? IMPORT_AUTHOR;
  let files: string[];
  try {
    files = articleFiles(dir);
  } catch (err) {
    throw new Error(`${dir} cannot be read: ${(err as Error).message}`);
  }
  const report: ImportReport = { dir, created: 0, updated: 0, unchanged: 0, conflicts: [], skipped: [], fingerprint: '' };
  const hash = createHash('sha256');
  const seen = new Map<string, string>();
  // In batches, each one transaction: fast, without holding the write lock long enough to stall a running server.
  for (let i = 0; i < files.length; i += IMPORT_BATCH) {
    db.transaction(() => {
      for (const file of files.slice(i, i + IMPORT_BATCH)) importFile(file);
    });
  }
  report.fingerprint = hash.digest('hex');
  recordImport(db, { dir, fingerprint: report.fingerprint, imported: report.created + report.updated, skipped: report.skipped.length });
  return report;

  function importFile(file: string): void {
    const rel = relative(dir, file);
    const source = readFileSync(file, 'utf8');
    hash.update(`${rel}\0${source}\0`);
    try {
      const a = parseArticleSource(dir, file, source);
      const key = `${a.locale}:${a.slug}`;
      if (seen.has(key)) throw new SkipError(`same slug and locale as ${seen.get(key)}`);
      seen.set(key, rel);
      const fields: ArticleFields = {
        title: a.title, summary: a.summary, category: a.category, tags: a.tags, paths: a.paths, extra: a.extra, body: a.markdown ?? '',
      };
      const existing = getArticle(db, a.locale, a.slug);
      if (!existing) {
        createArticle(db, { slug: a.slug, locale: a.locale, status: a.status, ...fields }, author, 'import');
        report.created++;
        return;
      }
      const sameText = sameContent(existing, { ...fields, body: normaliseBody(fields.body) });
      if (sameText && existing.status === a.status && (a.status === 'draft' || existing.publishedVersion === existing.version)) {
        report.unchanged++;
        return;
      }
      if (!options.force) {
        report.conflicts.push({ file: rel, reason: `differs from the database (version ${existing.version}); import with --force to replace it` });
        return;
      }
      const saved = sameText ? existing : saveArticle(db, a.locale, a.slug, existing.version, fields, author, 'import');
      if (a.status === 'published') publishArticle(db, a.locale, a.slug, saved.version, author);
      else if (saved.status === 'published') unpublishArticle(db, a.locale, a.slug, author);
      report.updated++;
    } catch (err) {
      if (err instanceof SkipError || err instanceof AtiendeError) report.skipped.push({ file: rel, reason: err.message });
      else throw err;
    }
  }
}

const IMPORT_BATCH = 200;

/** Bodies are stored ending in exactly one newline, so files written and read back are the same. */
export const normaliseBody = (body: string) => `${body.replace(/\s+$/, '')}\n`;
