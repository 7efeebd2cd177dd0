// Writes every published article as `<dir>/<slug>.<locale>.md` with YAML front matter, in the
// kb-content format: a folder git can track, that `importDirectory` reads back to the same articles.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import matter from 'gray-matter';
import type { Db } from '../db/client.ts';
import { publishedArticles, type PublishedArticle } from './article-store.ts';

export function articleFile(a: PublishedArticle): string {
  const data: Record<string, unknown> = { title: a.title };
  if (a.summary) data.summary = a.summary;
  data.category = a.category;
  if (a.tags.length) data.tags = a.tags;
  if (a.paths.length) data.paths = a.paths;
  for (const [key, value] of Object.entries(a.extra)) data[key] = value;
  return matter.stringify(a.body, data);
}

export function exportDirectory(db: Db, dir: string): { written: number; dir: string } {
  const articles = publishedArticles(db);
  for (const a of articles) {
    const file = join(dir, `${a.slug}.${a.locale}.md`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, articleFile(a));
  }
  return { written: articles.length, dir };
}
