// npm run bench:quality — search quality of Atiende's engine, in-process (fast to iterate on).
//
// 1. The evaluation sets of ../shared/data, written as ../shared/eval/search-quality.mjs writes them
//    (that script measures the same through HTTP): stackfaq and login-gov, English queries.
// 2. Spanish beside English: the Login.gov help centre is the same articles in both languages, so the
//    same known-item task can be run in each: every section heading of three words or more is a query
//    for its article, in es, in en, and in es with every accent stripped (what customers type on
//    phones). The task is easy; parity between the three is the point.
// Prints one JSON line per measure, then one JSON line with all of them.
import { join } from 'node:path';
import { KnowledgeBase } from '../server/kb/knowledge-base.ts';
import { loadArticles } from '../server/kb/loader.ts';
import type { Locale } from '../protocol/locales.ts';
import { score, sharedData, writeDataset } from './datasets.mjs';

const strip = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').normalize('NFC');
const out: Record<string, unknown> = {};

for (const name of ['stackfaq', 'login-gov'] as const) {
  const { kbDir, locale, queries } = writeDataset(name);
  const kb = KnowledgeBase.load({ kbDir });
  const slugs = (q: string) => kb.search(locale as Locale, q, 10).map((r) => r.slug);
  const result = score(queries, slugs);
  out[name] = result;
  if (process.env.MISSES) for (const { q, slug } of queries) {
    const got = slugs(q);
    if (got.indexOf(slug) !== 0) console.log(`MISS ${name} [${got.indexOf(slug)}] "${q}" want ${slug} got ${got.slice(0, 3).join(', ')}`);
  }
  console.log(JSON.stringify({ measure: name, ...result }));
}

// Spanish and English on parallel articles.
const helpDir = join(sharedData, 'login-gov-help');
const kb = KnowledgeBase.load({ kbDir: helpDir });
const { articles } = loadArticles(helpDir);
const bySlug = new Map<string, Map<Locale, (typeof articles)[number]>>();
for (const a of articles) bySlug.set(a.slug, (bySlug.get(a.slug) ?? new Map()).set(a.locale, a));
const parallel = [...bySlug.values()].filter((m) => m.size === 2);
for (const [label, locale, transform] of [
  ['headings-en', 'en', (s: string) => s],
  ['headings-es', 'es', (s: string) => s],
  ['headings-es-no-accents', 'es', strip],
] as const) {
  const queries = parallel.flatMap((m) => {
    const a = m.get(locale)!;
    return a.headings.filter((h) => h.split(/\s+/).length >= 3).map((h) => ({ q: transform(h), slug: a.slug }));
  });
  const result = score(queries, (q) => kb.search(locale, q, 10).map((r) => r.slug));
  out[label] = result;
  console.log(JSON.stringify({ measure: label, ...result }));
}
console.log(JSON.stringify(out));
