// One lunr index per locale over pre-analysed terms (see analyzer.ts), and the query side:
// every word a term, the word being typed also a prefix, unknown words matched with typo tolerance.
// Queries are built with lunr's query API, never its query-string parser, so `*`, `~`, `^`, `:`,
// `+` and `-` typed by a visitor are just punctuation.
import lunr from 'lunr';
import type { Locale } from '../../protocol/locales.ts';
import { analyze, fold, term, words } from './analyzer.ts';
import type { ArticleRecord } from './loader.ts';
import { expandSynonyms } from './synonyms.ts';

/** Bump when what goes into the index changes, so cached indexes are rebuilt. */
export const INDEX_VERSION = 1;

/** Field weights: a word in the title says more about the article than the same word in its body. */
export const FIELDS = JSON.parse(process.env.FIELDS ?? 'null') ?? {
  title: 8,
  summary: 4,
  tags: 4,
  anchors: 3,
  headings: 2,
  path: 2,
  body: 1,
} as const;
type Field = keyof typeof FIELDS;

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

export function buildIndex(locale: Locale, inputs: IndexInput[]): lunr.Index {
  return lunr(function () {
    this.ref('slug');
    for (const [name, boost] of Object.entries(FIELDS)) this.field(name, { boost });
    // Terms arrive analysed; lunr only counts and weighs them.
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.metadataWhitelist = [];
    if (process.env.BM25_B) this.b(Number(process.env.BM25_B));
    if (process.env.BM25_K1) this.k1(Number(process.env.BM25_K1));
    for (const input of inputs) {
      const doc: Record<string, string[] | string> = { slug: input.slug };
      for (const name of Object.keys(FIELDS) as Field[]) doc[name] = analyze(locale, input.fields[name]);
      this.add(doc);
    }
  });
}

export interface QueryPlan {
  /** Analysed terms of the query, each with its weight. */
  terms: Map<string, number>;
  /** The word being typed (folded, not stemmed), matched as a prefix. */
  prefix?: string;
}

const TYPING = /[\p{L}\p{N}]$/u;

export function planQuery(locale: Locale, query: string): QueryPlan {
  const terms = new Map<string, number>();
  const add = (t: string, boost: number) => terms.set(t, Math.max(terms.get(t) ?? 0, boost));
  for (const t of analyze(locale, query)) add(t, 1);
  if (!process.env.NOSYN) for (const t of analyze(locale, expandSynonyms(locale, query).join(' '))) add(t, Number(process.env.SYNB ?? 0.4));
  const list = words(query);
  const last = list.at(-1);
  let prefix: string | undefined;
  if (!process.env.NOPREFIX && last && TYPING.test(query) && last.word.length >= 2) prefix = fold(last.word);
  // A question made only of stop words ("¿cómo?", "how do I") still deserves an answer.
  if (terms.size === 0 && !prefix) for (const w of list) add(fold(w.word), 1);
  return { terms, prefix };
}

const PREFIX_BOOST = 0.6;
const FUZZY_BOOST = 0.5;

/** Runs a plan; returns refs with scores, best first. */
export function runQuery(index: lunr.Index, plan: QueryPlan): lunr.Index.Result[] {
  const vocabulary = (index as unknown as { invertedIndex: Record<string, unknown> }).invertedIndex;
  let clauses = 0;
  const results = index.query((q) => {
    for (const [t, boost] of plan.terms) {
      if (t in vocabulary) {
        q.term(t, { usePipeline: false, boost });
      } else if (boost >= 1 && t.length >= 4) {
        // Not a word of this knowledge base: most likely a typo.
        q.term(t, { usePipeline: false, boost: boost * FUZZY_BOOST, editDistance: t.length >= 8 ? 2 : 1 });
      }
    }
    const p = plan.prefix;
    if (p && !plan.terms.has(p)) {
      if (p.length >= 3 || plan.terms.size === 0) {
        q.term(p, { usePipeline: false, boost: PREFIX_BOOST, wildcard: lunr.Query.wildcard.TRAILING });
      }
      // A word typed past its stem ("configurac" for "configur"): the longest stem it begins with.
      for (let n = p.length - 1; n >= 4; n--) {
        const stem = p.slice(0, n);
        if (stem in vocabulary) {
          q.term(stem, { usePipeline: false, boost: PREFIX_BOOST });
          break;
        }
      }
    }
    clauses = q.clauses.length;
  });
  // lunr answers a query without clauses with every document; nothing asked, nothing found.
  return clauses === 0 ? [] : results.filter((r) => r.score > 0);
}

/** Does this word of an article match the query? Used to highlight. */
export function matcher(locale: Locale, plan: QueryPlan): (word: string) => boolean {
  const stems = new Set(plan.terms.keys());
  return (word) => {
    const t = term(locale, word);
    if (t && stems.has(t)) return true;
    return !!plan.prefix && plan.prefix.length >= 2 && fold(word).startsWith(plan.prefix);
  };
}
