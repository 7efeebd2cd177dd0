// One lunr index per locale over pre-analysed terms (see analyzer.ts), flattened for speed
// (flat-index.ts), and the query side: every word a term, neighbouring words a pair, the word being
// typed also a prefix, unknown words matched with typo tolerance. Queries never go through lunr's
// query-string parser, so `*`, `~`, `^`, `:`, `+` and `-` typed by a visitor are just punctuation.
import lunr from 'lunr';
import type { Locale } from '../../protocol/locales.ts';
import { analyze, fold, term, words } from './analyzer.ts';
import type { ArticleRecord } from './loader.ts';
import { FlatIndex } from './flat-index.ts';
import type { WordMatcher } from './snippet.ts';
import { withoutQuestionPhrases } from './question-phrases.ts';
import { expandSynonyms } from './synonyms.ts';

/** Bump when what goes into the index changes, so cached indexes are rebuilt. */
export const INDEX_VERSION = 5;

/** Field weights: a word in the title says more about the article than the same word in its body. */
export const FIELDS = {
  title: 8,
  summary: 4,
  tags: 4,
  anchors: 3,
  headings: 4,
  path: 2,
  body: 2,
  pairs: 1.5,
} as const;
type Field = Exclude<keyof typeof FIELDS, 'pairs'>;

/** What is indexed of one article: its own fields plus what other articles' links call it. */
export interface IndexInput {
  slug: string;
  fields: Record<Field, string>;
}

export function indexInput(article: ArticleRecord, anchors: string[]): IndexInput {
  return {
    slug: article.slug,
    fields: {
      title: article.title,
      summary: article.summary,
      tags: article.tags.join(', '),
      anchors: anchors.join('\n'),
      headings: article.headings.join('\n'),
      // The folders and file name: a help centre's structure names what each article is about.
      path: article.slug.replace(/[/_.-]+/g, ' '),
      body: article.text,
    },
  };
}

export function buildIndex(locale: Locale, inputs: IndexInput[]): FlatIndex {
  return FlatIndex.fromLunr(lunr(function () {
    this.ref('slug');
    for (const [name, boost] of Object.entries(FIELDS)) this.field(name, { boost });
    // Terms arrive analysed; lunr only counts and weighs them.
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.metadataWhitelist = [];
    for (const input of inputs) {
      const doc: Record<string, string[] | string> = { slug: input.slug };
      for (const name of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) if (name !== 'pairs') doc[name] = analyze(locale, input.fields[name]);
      // Words next to each other: "security code" says more than "security" and "code" apart.
      doc.pairs = ['title', 'summary', 'headings', 'body'].flatMap((f) => pairs(doc[f] as string[]));
      this.add(doc);
    }
  }));
}

const pairs = (terms: string[]) => terms.slice(1).map((t, i) => `${terms[i]}_${t}`);

export interface QueryPlan {
  /** Analysed terms of the query, each with its weight. */
  terms: Map<string, number>;
  /** The distinct words of the query (analysed), in order: what an article should cover. */
  words: string[];
  /** The word being typed (folded, not stemmed), matched as a prefix. */
  prefix?: string;
  /** The search term of that word, if it is not a stop word. */
  lastTerm?: string;
}

const TYPING = /[\p{L}\p{N}]$/u;

/** What a plan may ask of the index it will run on. */
export interface Vocabulary {
  has(term: string): boolean;
  withPrefix(prefix: string, max?: number): string[];
}

export function planQuery(locale: Locale, query: string, vocabulary?: Vocabulary): QueryPlan {
  const terms = new Map<string, number>();
  const add = (t: string, boost: number) => terms.set(t, Math.max(terms.get(t) ?? 0, boost));
  const list = withoutQuestionPhrases(locale, words(query));
  const last = list.at(-1);
  let prefix: string | undefined;
  if (last && TYPING.test(query) && last.end === query.length && last.word.length >= 2) prefix = fold(last.word);
  const typed: string[] = [];
  for (const w of list) {
    const t = term(locale, w.word);
    if (!t) continue;
    const beingTyped = w === last && prefix !== undefined && vocabulary?.withPrefix(prefix, 1).length;
    const parts = vocabulary && !beingTyped && !vocabulary.has(t) ? splitRunTogether(locale, fold(w.word), vocabulary) : undefined;
    typed.push(...(parts ?? [t]));
  }
  for (const t of typed) add(t, 1);
  for (const p of pairs(typed)) add(p, PAIR_BOOST);
  for (const t of analyze(locale, expandSynonyms(locale, query).join(' '))) add(t, SYNONYM_BOOST);
  // A question made only of stop words ("¿cómo?", "how do I") still deserves an answer.
  if (terms.size === 0 && !prefix) for (const w of list) add(fold(w.word), 1);
  return { terms, words: [...new Set(typed)], prefix, lastTerm: prefix && last ? term(locale, last.word) ?? undefined : undefined };
}

/**
 * Words typed together that the articles write apart ("signin", "username", "logingov"): the split
 * into two pieces that are both words of the knowledge base (or one of them a stop word, as "in" of
 * "signin"), the most even one if several are. Only for words the knowledge base does not know whole.
 */
function splitRunTogether(locale: Locale, word: string, vocabulary: Vocabulary): string[] | undefined {
  if (word.length < 5 || /\d/.test(word)) return undefined;
  let best: string[] | undefined;
  let bestEven = 0;
  for (let i = 2; i <= word.length - 2; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    const ta = term(locale, a);
    const tb = term(locale, b);
    const known = (w: string, t: string | null) => (t === null ? true : w.length >= 3 && vocabulary.has(t));
    if ((!ta && !tb) || !known(a, ta) || !known(b, tb)) continue;
    const even = Math.min(a.length, b.length);
    if (even > bestEven) {
      bestEven = even;
      best = [ta, tb].filter((t): t is string => t !== null);
    }
  }
  return best;
}

const PREFIX_BOOST = 0.6;
const PAIR_BOOST = 1;
const SYNONYM_BOOST = 0.3;
const FUZZY_BOOST = 0.5;

/** Runs a plan; returns refs with scores, best first. */
export function runQuery(index: FlatIndex, plan: QueryPlan): { ref: string; score: number }[] {
  const weighted = new Map<string, number>();
  const groupOf = new Map<string, number>();
  const group = new Map(plan.words.map((w, i) => [w, i]));
  const add = (t: string, boost: number, g?: number) => {
    weighted.set(t, (weighted.get(t) ?? 0) + boost);
    if (g !== undefined && !groupOf.has(t)) groupOf.set(t, g);
  };
  const p = plan.prefix;
  for (const [t, boost] of plan.terms) {
    if (index.has(t)) {
      add(t, boost, group.get(t));
    } else if (boost >= 1 && t.length >= 4 && !t.includes('_') && !(p && p.startsWith(t))) {
      // Not a word of this knowledge base, nor one being typed: most likely a typo.
      for (const near of index.near(t, t.length >= 8 ? 2 : 1)) add(near, boost * FUZZY_BOOST, group.get(t));
    }
  }
  const typing = plan.lastTerm !== undefined ? group.get(plan.lastTerm) : undefined;
  // The word being typed counts as a prefix unless it is already a whole word of this knowledge base.
  const lastIsWord = plan.lastTerm !== undefined && index.has(plan.lastTerm);
  if (p && !lastIsWord) {
    if (p.length >= 3 || plan.terms.size === 0) for (const t of index.withPrefix(p)) add(t, PREFIX_BOOST, typing);
    // A word typed past its stem ("configurac" for "configur"): the longest stem it begins with.
    for (let n = p.length - 1; n >= 4; n--) {
      const stem = p.slice(0, n);
      if (index.has(stem)) {
        add(stem, PREFIX_BOOST, typing);
        break;
      }
    }
  }
  return index.score(weighted, groupOf, plan.words.length);
}

/** Which words of an article match the query, to highlight them. */
export function matcher(locale: Locale, plan: QueryPlan): WordMatcher {
  const stems = new Set([...plan.terms.keys()].filter((t) => !t.includes('_')));
  // A stem may end differently from the word ("privaci" for "privacy"): look for all but its last letter.
  const starts = [...stems].map((t) => (t.length > 3 ? t.slice(0, -1) : t));
  if (plan.prefix && plan.prefix.length >= 2) starts.push(plan.prefix);
  const alternatives = starts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)';
  return {
    candidates: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})[\\p{L}\\p{N}]*`, 'gu'),
    isMatch: (word) => {
      const t = term(locale, word);
      if (t && stems.has(t)) return true;
      return !!plan.prefix && plan.prefix.length >= 2 && fold(word).startsWith(plan.prefix);
    },
  };
}

// A question about one article is also a question about the hub that gathers it, and short, general
// questions ("refunds", "two-factor") are more often answered by the hub's
// overview than by any one of its articles; so a hub earns most of its best article's score.
const HUB_SHARE = 0.8;

/** Gives each hub a share of the best score among the articles it gathers, then re-sorts. */
export function withHubs(hits: { ref: string; score: number }[], hubs: Map<string, string[]>): { ref: string; score: number }[] {
  if (!hubs.size) return hits;
  const scores = new Map(hits.map((h) => [h.ref, h.score]));
  const bonus = new Map<string, number>();
  for (const h of hits) {
    for (const hub of hubs.get(h.ref) ?? []) bonus.set(hub, Math.max(bonus.get(hub) ?? 0, h.score * HUB_SHARE));
  }
  for (const [hub, b] of bonus) scores.set(hub, (scores.get(hub) ?? 0) + b);
  return [...scores].map(([ref, score]) => ({ ref, score })).sort((a, b) => b.score - a.score);
}
