// lunr's index, flattened for fast queries.
//
// lunr weighs every term of every field of every article (BM25 with field boosts). Its own query loop
// then scores a match by merging the query vector with the article's whole field vector, a cost that
// grows with article length: tens of milliseconds per query at 2,000 long articles. Because every
// query term is searched in every field, lunr's score is the same as summing, per article, the term's
// weights over all fields; so we keep exactly that sum, per term, as a posting list, and score a query
// by adding up posting lists. Same ranking, a fraction of the work, and a compact cache.
import lunr from 'lunr';

// @types/lunr leaves out the static constructors of TokenSet that lunr itself uses.
const TokenSet = lunr.TokenSet as unknown as {
  fromArray(terms: string[]): lunr.TokenSet;
  fromFuzzyString(term: string, distance: number): lunr.TokenSet;
};

export interface FlatIndexData {
  refs: string[];
  /** Sorted, so a prefix is a binary search away. */
  terms: string[];
  /** Term i's postings are docs[offsets[i] .. offsets[i + 1]] with their weights; base64 of typed arrays. */
  offsets: string;
  docs: string;
  weights: string;
}

const b64 = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromB64<T extends Int32Array | Float32Array>(s: string, Kind: { new (b: ArrayBuffer): T }): T {
  const buf = Buffer.from(s, 'base64');
  // Copy into an aligned buffer of its own: Buffer's pool may start at any byte.
  const own = new ArrayBuffer(buf.byteLength);
  new Uint8Array(own).set(buf);
  return new Kind(own);
}

/** lunr's idf formula (lunr.idf), given how many postings a term has among `total` documents. */
const bm25Idf = (withTerm: number, total: number) => Math.log(1 + Math.abs((total - withTerm + 0.5) / (withTerm + 0.5)));

/** The share of an article's score it keeps when it matches none of the query's own words. */
const COVERAGE_FLOOR = 0.5;

export class FlatIndex {
  readonly refs: string[];
  private readonly terms: string[];
  private readonly ids = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;
  private readonly weights: Float32Array;
  private tokenSet?: lunr.TokenSet;

  constructor(data: FlatIndexData) {
    this.refs = data.refs;
    this.terms = data.terms;
    this.offsets = fromB64(data.offsets, Int32Array);
    this.docs = fromB64(data.docs, Int32Array);
    this.weights = fromB64(data.weights, Float32Array);
    data.terms.forEach((t, i) => this.ids.set(t, i));
  }

  /**
   * Flattens a lunr index built by lunr.Builder.
   *
   * lunr's idf counts a term's postings per field: a term in the title and the body of one article
   * counts as two articles, so the words that name an article (in its title, headings and body at
   * once) look commoner than they are and weigh less than a word said once in a body. Each weight is
   * rescaled here to the BM25 idf over articles.
   */
  static fromLunr(index: lunr.Index): FlatIndex {
    const raw = index.toJSON() as unknown as {
      invertedIndex: [string, { _index: number }][];
      fieldVectors: [string, number[]][];
    };
    const terms = raw.invertedIndex.map(([t]) => t).sort();
    const byLunrIndex = new Map<number, number>();
    const position = new Map(terms.map((t, i) => [t, i]));
    for (const [t, posting] of raw.invertedIndex) byLunrIndex.set(posting._index, position.get(t)!);
    const refs: string[] = [];
    const refIds = new Map<string, number>();
    const sums: Map<number, number>[] = terms.map(() => new Map());
    // How many fields of all articles hold each term: what lunr's idf counted.
    const fieldPostings = new Int32Array(terms.length);
    for (const [fieldRef, elements] of raw.fieldVectors) {
      const ref = fieldRef.slice(fieldRef.indexOf('/') + 1);
      let doc = refIds.get(ref);
      if (doc === undefined) {
        doc = refs.push(ref) - 1;
        refIds.set(ref, doc);
      }
      for (let i = 0; i < elements.length; i += 2) {
        const term = byLunrIndex.get(elements[i]!)!;
        const sum = sums[term]!;
        sum.set(doc, (sum.get(doc) ?? 0) + elements[i + 1]!);
        fieldPostings[term]++;
      }
    }
    // A term's postings hold the articles that have it, one each: the idf lunr should have used.
    sums.forEach((m, term) => {
      const fix = bm25Idf(m.size, refs.length) / bm25Idf(fieldPostings[term]!, refs.length);
      for (const [doc, w] of m) m.set(doc, w * fix);
    });
    const total = sums.reduce((n, m) => n + m.size, 0);
    const offsets = new Int32Array(terms.length + 1);
    const docs = new Int32Array(total);
    const weights = new Float32Array(total);
    let at = 0;
    sums.forEach((m, i) => {
      offsets[i] = at;
      for (const d of [...m.keys()].sort((a, b) => a - b)) {
        docs[at] = d;
        weights[at++] = m.get(d)!;
      }
    });
    offsets[terms.length] = at;
    return new FlatIndex({ refs, terms, offsets: b64(offsets), docs: b64(docs), weights: b64(weights) });
  }

  toJSON(): FlatIndexData {
    return { refs: this.refs, terms: this.terms, offsets: b64(this.offsets), docs: b64(this.docs), weights: b64(this.weights) };
  }

  private postingSize(term: string): number {
    const id = this.ids.get(term)!;
    return this.offsets[id + 1]! - this.offsets[id]!;
  }

  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** Terms beginning with a prefix, at most `max` of them, the commonest first. */
  withPrefix(prefix: string, max = 64): string[] {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.terms.length && this.terms[i]!.startsWith(prefix); i++) out.push(this.terms[i]!);
    if (out.length <= max) return out;
    return out.sort((a, b) => this.postingSize(b) - this.postingSize(a)).slice(0, max);
  }

  /** Terms within an edit distance, found with lunr's token-set automaton. */
  near(term: string, distance: number): string[] {
    this.tokenSet ??= TokenSet.fromArray(this.terms);
    return this.tokenSet.intersect(TokenSet.fromFuzzyString(term, distance)).toArray().filter((t) => t !== term);
  }

  /**
   * Adds each term's weights, times its boost; returns articles with their scores, best first.
   * `groupOf` names, for a term, which of the query's `groups` words it stands for (the word itself, a
   * typo of it, the word being typed); an article's score is then scaled by the share of those words it
   * matches, so an article about all of a question beats one that says a single word of it many times.
   */
  score(weighted: Map<string, number>, groupOf?: Map<string, number>, groups = 0): { ref: string; score: number }[] {
    const scores = new Float64Array(this.refs.length);
    const covered = groups > 0 ? new Int32Array(this.refs.length) : undefined;
    const touched: number[] = [];
    let norm = 0;
    for (const [term, boost] of weighted) {
      const id = this.ids.get(term);
      if (id === undefined) continue;
      norm += boost * boost;
      const group = groupOf?.get(term);
      const bit = covered && group !== undefined && group < 31 ? 1 << group : 0;
      for (let i = this.offsets[id]!, end = this.offsets[id + 1]!; i < end; i++) {
        const d = this.docs[i]!;
        if (scores[d] === 0) touched.push(d);
        scores[d] += boost * this.weights[i]!;
        if (bit) covered![d] |= bit;
      }
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    if (covered) {
      const share = (mask: number) => {
        let n = 0;
        for (let m = mask; m; m &= m - 1) n++;
        return n / Math.min(groups, 31);
      };
      for (const d of touched) scores[d] *= COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * share(covered[d]!);
    }
    return touched
      .filter((d) => scores[d]! > 0)
      .sort((a, b) => scores[b]! - scores[a]! || a - b)
      .map((d) => ({ ref: this.refs[d]!, score: scores[d]! * scale }));
  }
}
