// The evaluation sets of ../shared/data written as article folders, the same way
// ../shared/eval/search-quality.mjs writes them, so benches can measure search in-process.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sharedData = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');

const walk = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

export const datasets = {
  stackfaq(kbDir) {
    const threads = JSON.parse(readFileSync(join(sharedData, 'stackfaq', 'stackfaq-dev.json'), 'utf8'));
    const queries = [];
    for (const t of threads) {
      writeFileSync(join(kbDir, `${t.id}.en.md`), `---\ntitle: ${JSON.stringify(t.question)}\n---\n\n${t.answers.join('\n\n')}\n`);
      for (const q of t.rephrasings) queries.push({ q, slug: t.id });
    }
    return { locale: 'en', queries };
  },
  'login-gov'(kbDir) {
    const src = join(sharedData, 'login-gov-help');
    const bySlugQuery = new Map();
    for (const path of walk(src)) {
      const m = relative(src, path).match(/^(.*)\._(en|es)\.md$/);
      if (!m) continue;
      const [, slug, locale] = m;
      const text = readFileSync(path, 'utf8');
      const fm = text.match(/^---\n([\s\S]*?)\n---\n/);
      let front = fm ? fm[1] : '';
      if (locale === 'en') {
        for (const r of front.matchAll(/^\s+- \/help\/(\S+?)\/?$/gm)) {
          const q = r[1].split('/').pop().replace(/-/g, ' ');
          if (!bySlugQuery.has(q)) bySlugQuery.set(q, new Set());
          bySlugQuery.get(q).add(slug);
        }
      }
      front = front.replace(/^redirect_from:\n(\s+- .*\n?)*/m, '');
      const out = join(kbDir, `${slug}._${locale}.md`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `---\n${front.trim()}\n---\n${fm ? text.slice(fm[0].length) : text}`);
    }
    const queries = [];
    for (const [q, slugs] of bySlugQuery) if (slugs.size === 1) queries.push({ q, slug: [...slugs][0] });
    return { locale: 'en', queries };
  },
};

/** Writes a dataset into a fresh temporary folder: { kbDir, locale, queries }. */
export function writeDataset(name) {
  const kbDir = mkdtempSync(join(tmpdir(), `atiende-${name}-`));
  return { kbDir, ...datasets[name](kbDir) };
}

/** Recall@1, Recall@5 and MRR@10 of ranked slug lists. */
export function score(queries, rankedSlugsOf) {
  let r1 = 0, r5 = 0, rr = 0;
  for (const { q, slug } of queries) {
    const rank = rankedSlugsOf(q).indexOf(slug);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0 && rank < 10) rr += 1 / (rank + 1);
  }
  const n = queries.length;
  return { n, r1: +(r1 / n).toFixed(3), r5: +(r5 / n).toFixed(3), mrr10: +(rr / n).toFixed(3) };
}
