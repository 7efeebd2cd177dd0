// npm run bench:auto-answer — tunes the auto-answer threshold on ../shared/data, in-process.
//
// On-topic: the evaluation questions of each set (stackfaq rephrasings; Login.gov's old question URLs, in
// English) and the Login.gov section headings in Spanish (three words or more) against their own help
// centre: "answered" is the share offered an article at a threshold, "precision" the share of those
// offers that are the right article. Off-topic: each set's questions against the other set's help centre
// (a Login.gov question asked of a StackExchange FAQ): every offer there is wrong.
// Prints a table per threshold, then one JSON line.
import { join } from 'node:path';
import { KnowledgeBase } from '../server/kb/knowledge-base.ts';
import { loadArticles } from '../server/kb/loader.ts';
import { confidenceOf } from '../server/auto-answer/confidence.ts';
import type { Locale } from '../protocol/locales.ts';
import { sharedData, writeDataset, type Query } from './datasets.mjs';

const THRESHOLDS = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];

function confidences(kb: KnowledgeBase, locale: Locale, queries: Query[]) {
  const textOf = (slug: string) => kb.article(locale, slug)?.text ?? '';
  return queries.map(({ q, slug }) => {
    const c = confidenceOf(locale, q, kb.search(locale, q, 3), textOf);
    return { right: c?.slug === slug, confidence: c?.confidence ?? 0 };
  });
}

const sets: Record<string, { kb: KnowledgeBase; locale: Locale; queries: Query[] }> = {};
for (const name of ['stackfaq', 'login-gov'] as const) {
  const { kbDir, locale, queries } = writeDataset(name);
  sets[name] = { kb: KnowledgeBase.load({ kbDir }), locale: locale as Locale, queries };
}
const helpDir = join(sharedData, 'login-gov-help');
const esHeadings = loadArticles(helpDir).articles.filter((a) => a.locale === 'es')
  .flatMap((a) => a.headings.filter((h) => h.split(/\s+/).length >= 3).map((h) => ({ q: h, slug: a.slug })));
const helpKb = KnowledgeBase.load({ kbDir: helpDir });

const onTopic = {
  stackfaq: confidences(sets.stackfaq!.kb, 'en', sets.stackfaq!.queries),
  'login-gov': confidences(sets['login-gov']!.kb, 'en', sets['login-gov']!.queries),
  'login-gov-es-headings': confidences(helpKb, 'es', esHeadings),
};
const offTopic = [
  ...confidences(sets.stackfaq!.kb, 'en', sets['login-gov']!.queries),
  ...confidences(sets['login-gov']!.kb, 'en', sets.stackfaq!.queries),
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const rows = THRESHOLDS.map((threshold) => {
  const row: Record<string, number> = { threshold };
  let answered = 0, right = 0, n = 0;
  for (const [name, list] of Object.entries(onTopic)) {
    const offered = list.filter((x) => x.confidence >= threshold);
    const good = offered.filter((x) => x.right).length;
    row[`${name}_answered`] = offered.length / list.length;
    row[`${name}_precision`] = offered.length ? good / offered.length : 1;
    answered += offered.length; right += good; n += list.length;
  }
  row.answered = answered / n;
  row.precision = answered ? right / answered : 1;
  row.off_topic_answered = offTopic.filter((x) => x.confidence >= threshold).length / offTopic.length;
  return row;
});

console.log(`on-topic questions: ${Object.entries(onTopic).map(([k, v]) => `${k} ${v.length}`).join(', ')}; off-topic: ${offTopic.length}`);
console.log('threshold  answered  precision  stackfaq(ans/prec)  login-gov(ans/prec)  es-headings(ans/prec)  off-topic answered');
for (const r of rows) {
  console.log(`${r.threshold.toFixed(2).padStart(9)}  ${pct(r.answered!)}  ${pct(r.precision!)}    ${pct(r.stackfaq_answered!)} ${pct(r.stackfaq_precision!)}    ${pct(r['login-gov_answered']!)} ${pct(r['login-gov_precision']!)}      ${pct(r['login-gov-es-headings_answered']!)} ${pct(r['login-gov-es-headings_precision']!)}      ${pct(r.off_topic_answered!)}`);
}
console.log(JSON.stringify({ thresholds: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))) }));
