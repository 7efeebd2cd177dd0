// How sure the system is that an article answers a visitor's message, from 0 to 1. Search scores are not
// comparable between queries, so the confidence is built from what is: how many of the message's terms
// the top article's title and summary contain, how many its text contains, and how far the top result
// stands above the next one. Short messages ("hola", "ayuda") carry too little to answer on.
// Tuned on ../shared/data by `npm run bench:auto-answer`.
import type { Locale } from '../../protocol/locales.ts';
import { analyze } from '../kb/analyzer.ts';

export interface Candidate {
  slug: string;
  title: string;
  summary: string;
  score: number;
}

export interface Confidence {
  slug: string;
  confidence: number;
}

/** The default threshold: see the README's auto-answer figures (bench:auto-answer). */
export const DEFAULT_THRESHOLD = 0.55;

export function confidenceOf(locale: Locale, message: string, results: Candidate[], textOf: (slug: string) => string): Confidence | undefined {
  const top = results[0];
  if (!top || top.score <= 0) return undefined;
  const terms = [...new Set(analyze(locale, message))];
  if (!terms.length) return undefined;
  const head = new Set(analyze(locale, `${top.title} ${top.summary}`));
  const body = new Set(analyze(locale, textOf(top.slug)));
  const inHead = terms.filter((t) => head.has(t)).length / terms.length;
  const inAny = terms.filter((t) => head.has(t) || body.has(t)).length / terms.length;
  const second = results[1]?.score ?? 0;
  const gap = 1 - Math.min(1, second / top.score);
  let confidence = 0.4 * inHead + 0.35 * inAny + 0.25 * gap;
  // Two content words or fewer: "mi cuenta", "hola ayuda" say too little.
  if (terms.length < 3) confidence *= terms.length === 2 ? 0.8 : 0.5;
  return { slug: top.slug, confidence: Math.round(confidence * 1000) / 1000 };
}
