// A readable diff between two revisions: their front matter and body as lines, and within a changed
// line the words that changed.
import { diffLines, diffWordsWithSpace } from 'diff';
import type { DiffLine } from '../../protocol/articles.ts';
import type { ArticleFields } from './article-store.ts';

/** A revision as an editor reads it: the fields first, then the markdown. */
export function revisionText(r: ArticleFields): string {
  const head = [
    `title: ${r.title}`,
    `summary: ${r.summary}`,
    `category: ${r.category}`,
    `tags: ${r.tags.join(', ')}`,
    `paths: ${r.paths.join(', ')}`,
    ...Object.entries(r.extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
  ];
  return `${head.join('\n')}\n---\n${r.body}`;
}

const splitLines = (value: string) => value.replace(/\n$/, '').split('\n');

export function diffRevisions(from: ArticleFields, to: ArticleFields): { lines: DiffLine[]; added: number; removed: number } {
  const parts = diffLines(revisionText(from), revisionText(to));
  const lines: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      // A block replaced by another: pair its lines and mark the words that changed.
      const olds = splitLines(part.value);
      const news = splitLines(next.value);
      const marked = pairLines(olds, news);
      lines.push(...marked.removed, ...marked.added);
      removed += olds.length;
      added += news.length;
      i++;
      continue;
    }
    const type = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of splitLines(part.value)) lines.push({ type, text, changes: [] });
    if (part.added) added += part.count ?? 0;
    if (part.removed) removed += part.count ?? 0;
  }
  return { lines, added, removed };
}

function pairLines(olds: string[], news: string[]): { removed: DiffLine[]; added: DiffLine[] } {
  const removed: DiffLine[] = olds.map((text) => ({ type: 'removed', text, changes: [] }));
  const added: DiffLine[] = news.map((text) => ({ type: 'added', text, changes: [] }));
  for (let i = 0; i < Math.min(olds.length, news.length); i++) {
    let a = 0;
    let b = 0;
    for (const w of diffWordsWithSpace(olds[i]!, news[i]!)) {
      const n = w.value.length;
      if (w.removed) {
        removed[i]!.changes.push([a, a + n]);
        a += n;
      } else if (w.added) {
        added[i]!.changes.push([b, b + n]);
        b += n;
      } else {
        a += n;
        b += n;
      }
    }
  }
  return { removed, added };
}
