// Turns text into search terms, the same way for articles and for what visitors type:
// split into words, fold case and accents, drop stop words, stem with the locale's Snowball stemmer.
//
// Accents are folded *before* stemming, on both sides. The Spanish stemmer folds some accents itself
// (its postlude), so "información" and "informacion" would otherwise stem differently ("inform" and
// "informacion"); folding first makes a query typed without accents find exactly what the accented
// one finds. The one loss, -ción/-sión endings the stemmer recognises only with their accent, is
// given back by restoring that accent before stemming.
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import spanish from 'lunr-languages/lunr.es.js';
import type { Locale } from '../../protocol/locales.ts';

stemmerSupport(lunr);
spanish(lunr);

type TokenFn = (token: lunr.Token) => lunr.Token | undefined;
const lunrEs = (lunr as unknown as { es: { stemmer: TokenFn; stopWordFilter: TokenFn } }).es;

const stemmers: Record<Locale, TokenFn> = { en: lunr.stemmer as unknown as TokenFn, es: lunrEs.stemmer };
const stopFilters: Record<Locale, TokenFn> = { en: lunr.stopWordFilter as unknown as TokenFn, es: lunrEs.stopWordFilter };

const WORD = /[\p{L}\p{N}]+/gu;

export interface WordToken {
  /** The word as written, lower-cased. */
  word: string;
  start: number;
  end: number;
}

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Words with their offsets in the original text (for highlighting). */
export function words(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length });
  return out;
}

// Words people type in questions that say nothing about the topic, beyond the stemmers' stop lists:
// contractions typed without their apostrophe, and question verbs.
const EXTRA_STOP_WORDS: Record<Locale, Set<string>> = {
  en: new Set(['dont', 'didnt', 'doesnt', 'cant', 'couldnt', 'wont', 'isnt', 'arent', 'wasnt', 'im', 'ive', 'id', 'whats',
    'hows', 'wheres', 'theres', 'thats', 'youre', 'need', 'want', 'please', 'hi', 'hello']),
  es: new Set(['puedo', 'puede', 'pueden', 'quiero', 'quisiera', 'necesito', 'debo', 'hago', 'hacer', 'hola', 'favor', 'gracias']),
};

function isStopWord(locale: Locale, word: string): boolean {
  return EXTRA_STOP_WORDS[locale].has(word) || stopFilters[locale](new lunr.Token(word, {})) === undefined;
}

const memo: Record<Locale, Map<string, string | null>> = { en: new Map(), es: new Map() };

/** The search term for one lower-cased word, or null for a stop word. Memoised: vocabularies are small. */
export function term(locale: Locale, word: string): string | null {
  const cache = memo[locale];
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const folded = fold(word);
  let result: string | null = null;
  if (!isStopWord(locale, word) && !isStopWord(locale, folded)) {
    const input = locale === 'es' ? folded.replace(/([cs])ion$/, '$1ión') : folded;
    result = fold(stemmers[locale](new lunr.Token(input, {}))!.toString());
  }
  if (cache.size < 200_000) cache.set(word, result);
  return result;
}

/** Search terms of a text, stop words dropped, in order (repeats kept: they are term frequency). */
export function analyze(locale: Locale, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = term(locale, m[0].toLowerCase());
    if (t) out.push(t);
  }
  return out;
}
