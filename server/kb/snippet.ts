// Cuts the part of an article that best shows why it matched, and marks the matched words.
// Offsets, not markup: the widget renders the text as text and wraps the marked ranges itself.
import { words } from './analyzer.ts';

export type Highlights = [number, number][];

const SNIPPET_LENGTH = 180;

export function highlight(text: string, isMatch: (word: string) => boolean): Highlights {
  return words(text).filter((w) => isMatch(w.word)).map((w) => [w.start, w.end]);
}

/** The window of about SNIPPET_LENGTH characters holding the most distinct matched words. */
export function snippet(text: string, isMatch: (word: string) => boolean): { snippet: string; highlights: Highlights } {
  const all = words(text);
  const hits = all.filter((w) => isMatch(w.word));
  let start = 0;
  if (hits.length) {
    let best = -1;
    for (let i = 0; i < hits.length; i++) {
      const seen = new Set<string>();
      for (let j = i; j < hits.length && hits[j]!.end - hits[i]!.start <= SNIPPET_LENGTH; j++) seen.add(hits[j]!.word);
      if (seen.size > best) {
        best = seen.size;
        start = hits[i]!.start;
      }
    }
    // Begin at a sentence start when one is near, so the snippet reads naturally.
    const lookBack = text.slice(Math.max(0, start - 60), start);
    const boundary = Math.max(lookBack.lastIndexOf('. '), lookBack.lastIndexOf('\n'));
    start = boundary >= 0 ? start - lookBack.length + boundary + (lookBack[boundary] === '\n' ? 1 : 2) : start;
    if (start < 0 || text.length <= SNIPPET_LENGTH) start = 0;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const cut = text.lastIndexOf(' ', end);
    if (cut > start + SNIPPET_LENGTH / 2) end = cut;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  const raw = text.slice(start, end);
  // Whitespace runs collapse to one space; map offsets through the same collapse.
  const map: number[] = [];
  let pos = prefix.length;
  for (let i = 0; i < raw.length; i++) {
    map.push(pos);
    if (!(/\s/.test(raw[i]!) && /\s/.test(raw[i + 1] ?? ''))) pos++;
  }
  map.push(pos);
  const highlights: Highlights = hits
    .filter((w) => w.start >= start && w.end <= end)
    .map((w) => [map[w.start - start]!, map[w.end - start]!]);
  return { snippet: prefix + body + suffix, highlights };
}
