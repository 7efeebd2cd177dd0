// The plain-library baseline Atiende's search must beat: lunr with its English pipeline, the article
// title boosted over the raw markdown body, the query cleaned of punctuation and lunr syntax.
// Usage: npm run bench:baseline   (prints one JSON line per dataset, then one JSON line with all)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import lunr from 'lunr';
import matter from 'gray-matter';
import { score, writeDataset } from './datasets.mjs';

const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

export function baselineSearch(kbDir) {
  const docs = walk(kbDir).flatMap((file) => {
    let parsed;
    try {
      parsed = matter(readFileSync(file, 'utf8'), {});
    } catch {
      return []; // bad YAML: skipped, as the product skips it
    }
    const { data, content } = parsed;
    const slug = relative(kbDir, file).replace(/\.(_)?[a-z]{2}\.md$/, '');
    return [{ slug, title: String(data.title ?? ''), body: content, locale: file.match(/\.(?:_)?([a-z]{2})\.md$/)[1] }];
  }).filter((d) => d.locale === 'en');
  const index = lunr(function () {
    this.ref('slug');
    this.field('title', { boost: 10 });
    this.field('body');
    for (const d of docs) this.add(d);
  });
  return (q) => {
    const cleaned = q.replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim();
    if (!cleaned) return [];
    return index.search(cleaned).map((r) => r.ref);
  };
}

const all = {};
for (const name of ['stackfaq', 'login-gov']) {
  const { kbDir, queries } = writeDataset(name);
  all[name] = score(queries, baselineSearch(kbDir));
  console.log(JSON.stringify({ dataset: name, engine: 'lunr-baseline', ...all[name] }));
}
console.log(JSON.stringify(all));
