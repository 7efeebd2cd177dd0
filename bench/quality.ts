// Search quality of Atiende's engine, in-process, on the evaluation sets (fast to iterate on);
// the HTTP evaluation is ../shared/eval/search-quality.mjs. Prints one JSON line per dataset, then a summary.
import { KnowledgeBase } from '../server/kb/knowledge-base.ts';
import { score, writeDataset } from './datasets.mjs';

const strip = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').normalize('NFC');
const out: Record<string, unknown> = {};
for (const name of ['stackfaq', 'login-gov'] as const) {
  const { kbDir, locale, queries } = writeDataset(name);
  const kb = KnowledgeBase.load({ kbDir });
  const slugs = (q: string) => kb.search(locale as 'en', q, 10).map((r) => r.slug);
  const result = score(queries, slugs);
  out[name] = result;
  if (process.env.MISSES) for (const { q, slug } of queries) {
    const got = slugs(q);
    if (got.indexOf(slug) !== 0) console.log(`MISS ${name} [${got.indexOf(slug)}] "${q}" want ${slug} got ${got.slice(0, 3).join(', ')}`);
  }
  console.log(JSON.stringify({ dataset: name, ...result }));
}
console.log(JSON.stringify(out));
