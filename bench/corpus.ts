// The generated knowledge base that bench:search and bench:kb-rebuild measure: PER_LOCALE articles per
// locale made from real text (the shipped articles and the Login.gov help centre), each a title and body
// of one article with the opening of another, written in the kb-content format under dir.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadArticles, type ArticleRecord } from '../server/kb/loader.ts';
import { sharedData } from './datasets.mjs';

const root = resolve(import.meta.dirname, '..');

export function generateCorpus(dir: string, perLocale: number): Record<'es' | 'en', ArticleRecord[]> {
  const sources = [...loadArticles(join(root, 'kb-content')).articles, ...loadArticles(join(sharedData, 'login-gov-help')).articles];
  const byLocale = { es: sources.filter((a) => a.locale === 'es'), en: sources.filter((a) => a.locale === 'en') };
  for (const locale of ['es', 'en'] as const) {
    const list = byLocale[locale];
    for (let i = 0; i < perLocale; i++) {
      const a = list[i % list.length]!;
      const b = list[(i * 7 + 3) % list.length]!;
      const title = i < list.length ? a.title : `${a.title}: ${b.title.replace(/[?¿]/g, '')}`;
      const body = [a.markdown!.trim(), b.markdown!.split('\n\n').slice(0, 3).join('\n\n')].join('\n\n');
      const file = join(dir, `gen-${Math.floor(i / 100)}`, `${i}-${a.slug.replace(/\//g, '-')}.${locale}.md`);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, `---\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(a.summary)}\ncategory: ${JSON.stringify(a.category)}\n---\n\n${body}\n`);
    }
  }
  return byLocale;
}
