// Cuts the part of an article that best shows why it matched, and marks the matched words.
// Offsets, not markup: the widget renders the text as text and wraps the marked ranges itself.
import type { WordToken } from './analyzer.ts';

export type Highlights = [number, number][];

/** Which words of a text match a query: a cheap regex finds candidates, `isMatch` decides. */
export interface WordMatcher {
  candidates: RegExp;
  isMatch(word: string): boolean;
}

const SNIPPET_LENGTH = 180;
const foldedChars = new Map<string, string>();

/** Lower case without accents, one character for one, so offsets in the result are offsets in `text`. */
export function foldKeepingOffsets(text: string): string {
  let out = '';
  for (const c of text) {
    let f = foldedChars.get(c);
    if (f === undefined) {
      const lower = c.toLowerCase();
      const base = lower.normalize('NFD')[0] ?? lower;
      f = lower.length === c.length && base.length === c.length ? base : c;
      foldedChars.set(c, f);
    }
    out += f;
  }
  return out;
}

function matches(text: string, folded: string, m: WordMatcher): WordToken[] {
  const out: WordToken[] = [];
  m.candidates.lastIndex = 0;
  for (const hit of folded.matchAll(m.candidates)) {
    const start = hit.index!;
    const end = start + hit[0].length;
    const word = text.slice(start, end).toLowerCase();
    if (m.isMatch(word)) out.push({ word, start, end });
  }
  return out;
}

export function highlight(text: string, m: WordMatcher): Highlights {
  return matches(text, foldKeepingOffsets(text), m).map((w) => [w.start, w.end]);
}

/** The window of about SNIPPET_LENGTH characters holding the most distinct matched words. */
export function snippet(text: string, folded: string, m: WordMatcher): { snippet: string; highlights: Highlights } {
  const hits = matches(text, folded, m);
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
