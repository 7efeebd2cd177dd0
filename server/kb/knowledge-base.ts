// The published articles and their search indexes, held as one immutable snapshot. A rebuild makes a
// new snapshot off the request path and swaps the reference, so searches never see half an index.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ArticleSummary, SearchResult } from '../../protocol/kb.ts';
import type { Db } from '../db/client.ts';
import { countDrafts, publishedArticle, publishedArticles, publishedBody, publishedVersions, type PublishedArticle } from './article-store.ts';
import { IndexBuilder } from './index-builder.ts';
import { LOCALES, type Locale } from '../../protocol/locales.ts';
import { anchorTexts, createLinkResolver, hubsOf, type LinkResolver } from './links.ts';
import { FlatIndex, type FlatIndexData } from './flat-index.ts';
import { articleFiles, loadArticles, parseArticleFile, type ArticleRecord, type SkippedFile } from './loader.ts';
import { parseMarkdown, renderArticle } from './render.ts';
import { buildIndex, indexInput, INDEX_VERSION, matcher, planQuery, runQuery, withHubs } from './search-index.ts';
import { foldKeepingOffsets, highlight, snippet } from './snippet.ts';

interface LocaleSnapshot {
  /** The full index, built from the articles in `base`. */
  index: FlatIndex;
  articles: Map<string, ArticleRecord>;
  resolveLink: LinkResolver;
  hubs: Map<string, string[]>;
  /** slug → version of the articles the full index was built from. */
  base: Map<string, number | undefined>;
  /**
   * Articles published since the full index was built, in a small index of their own so they are
   * searchable at once; `stale` are the full index's articles changed or gone since. The next full
   * rebuild (in the worker) folds them in.
   */
  delta?: FlatIndex;
  stale: Set<string>;
  /** The full index is behind the articles: a rebuild is due. */
  pending: boolean;
}

interface Snapshot {
  locales: Record<Locale, LocaleSnapshot>;
  skipped: SkippedFile[];
  drafts: number;
}

export interface KnowledgeBaseOptions {
  /** Files to serve (tools and benches); the server serves the database instead (see fromDatabase). */
  kbDir?: string;
  /** The published articles of this database. */
  db?: Db;
  /** Files the seeding import skipped, reported by /api/health. */
  skipped?: SkippedFile[];
  /** Where built indexes are cached between starts; none when undefined. */
  cacheDir?: string;
  log?: { info(msg: string): void; warn(msg: string): void };
}

export class KnowledgeBase {
  private snapshot: Snapshot;
  private readonly html = new Map<string, string>();
  private readonly foldedText = new Map<string, string>();
  private readonly builder = new IndexBuilder();

  private constructor(private readonly options: KnowledgeBaseOptions, snapshot: Snapshot) {
    this.snapshot = snapshot;
  }

  /** The articles of a folder of files. */
  static load(options: KnowledgeBaseOptions & { kbDir: string }): KnowledgeBase {
    return new KnowledgeBase(options, buildSnapshot(options));
  }

  /** The published articles of a database; `refresh()` after publishing picks up changes. */
  static fromDatabase(options: KnowledgeBaseOptions & { db: Db }): KnowledgeBase {
    // The index worker starts with the first publish, not here: start-up has enough to do.
    return new KnowledgeBase(options, buildDatabaseSnapshot(options));
  }

  /** Reads KB_DIR again and swaps in the new snapshot once it is complete. */
  reload(): void {
    const next = buildSnapshot(this.options as KnowledgeBaseOptions & { kbDir: string });
    this.snapshot = next;
    this.html.clear();
    this.foldedText.clear();
  }

  /**
   * Reads what is published now. Changed articles become searchable at once through a small index
   * of their own; the full index of each changed locale is then rebuilt in a worker and swapped in.
   * Searches are answered from a complete snapshot throughout. The promise settles once a full
   * rebuild that began after the call is in.
   */
  refresh(): Promise<void> {
    // After the current request has been answered: the publish response does not wait for this.
    const applied = new Promise<void>((resolve, reject) => setImmediate(() => {
      try {
        this.applyPublished();
        resolve();
      } catch (err) {
        reject(err as Error);
      }
    }));
    return applied.then(() => this.rebuildInBackground());
  }

  async close(): Promise<void> {
    await this.rebuilding?.catch(() => undefined);
    await this.builder.stop();
  }

  private rebuilding: Promise<void> | undefined;
  private rebuildAgain = false;

  private rebuildInBackground(): Promise<void> {
    this.rebuildAgain = true;
    this.rebuilding ??= (async () => {
      try {
        while (this.rebuildAgain) {
          this.rebuildAgain = false;
          await this.rebuildFullIndexes();
        }
      } finally {
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  /** Phase one: the database's published articles into the snapshot, changes in small delta indexes. */
  private applyPublished(): void {
    const db = this.options.db!;
    const old = this.snapshot;
    const byLocale = Object.fromEntries(LOCALES.map((l) => [l, [] as ArticleRecord[]])) as Record<Locale, ArticleRecord[]>;
    const changed = new Set<Locale>();
    for (const v of publishedVersions(db)) {
      const prev = old.locales[v.locale].articles.get(v.slug);
      let record = prev;
      if (!prev || prev.version !== v.version) {
        const fresh = publishedArticle(db, v.locale, v.slug);
        if (!fresh) continue; // unpublished since the list was read
        record = recordFromPublished(fresh);
        changed.add(v.locale);
      }
      byLocale[v.locale].push(record!);
    }
    for (const l of LOCALES) if (byLocale[l].length !== old.locales[l].articles.size) changed.add(l);
    if (!changed.size) return;
    const locales = { ...old.locales };
    for (const l of changed) locales[l] = localeSnapshot(l, old.locales[l].index, old.locales[l].base, byLocale[l]);
    this.snapshot = { locales, skipped: old.skipped, drafts: countDrafts(db) };
    this.html.clear();
    this.foldedText.clear();
  }

  /** Phase two: a full index for every locale that has a delta, built in the worker, then swapped in. */
  private async rebuildFullIndexes(): Promise<void> {
    let rebuilt = false;
    for (const locale of LOCALES) {
      const snap = this.snapshot.locales[locale];
      if (!snap.pending) continue;
      const records = [...snap.articles.values()];
      const anchors = anchorTexts(records, snap.resolveLink);
      const inputs = records.map((a) => indexInput(a, anchors.get(a.slug) ?? []));
      const index = await this.builder.build(locale, inputs).catch(() => buildIndex(locale, inputs));
      const base = new Map(records.map((a) => [a.slug, a.version]));
      // Articles may have been published while the worker ran: they stay in the delta.
      const now = this.snapshot;
      this.snapshot = { ...now, locales: { ...now.locales, [locale]: localeSnapshot(locale, index, base, [...now.locales[locale].articles.values()]) } };
      rebuilt = true;
    }
    const snap = this.snapshot;
    if (rebuilt && this.options.cacheDir && LOCALES.every((l) => !snap.locales[l].pending)) {
      const articles = LOCALES.flatMap((l) => [...snap.locales[l].articles.values()]);
      writeCache(this.options.cacheDir, databaseKey(articles.map((a) => ({ locale: a.locale, slug: a.slug, version: a.version ?? 0 })).sort(byKey)),
        articles, [], snap.drafts, Object.fromEntries(LOCALES.map((l) => [l, snap.locales[l].index.toJSON()])) as Record<Locale, FlatIndexData>);
    }
  }

  /** The markdown of an article: kept in memory when parsed now, read again when loaded from the cache. */
  private markdownOf(a: ArticleRecord): string {
    if (a.markdown !== undefined) return a.markdown;
    if (this.options.db) return publishedBody(this.options.db, a.locale, a.slug) ?? '';
    const file = join(this.options.kbDir!, a.file);
    const reparsed = parseArticleFile(this.options.kbDir!, file, readFileSync(file, 'utf8'));
    return reparsed === 'draft' ? '' : reparsed.markdown ?? '';
  }

  /** An article's text folded for matching, kept once computed: snippets are cut on every search. */
  private folded(locale: Locale, slug: string, text: string): string {
    const key = `${locale}:${slug}`;
    let folded = this.foldedText.get(key);
    if (folded === undefined) {
      folded = foldKeepingOffsets(text);
      this.foldedText.set(key, folded);
    }
    return folded;
  }

  get counts() {
    const byLocale: Record<string, number> = {};
    for (const l of LOCALES) byLocale[l] = this.snapshot.locales[l].articles.size;
    const loaded = Object.values(byLocale).reduce((a, b) => a + b, 0);
    return { loaded, skipped: this.snapshot.skipped.length, drafts: this.snapshot.drafts, byLocale };
  }

  get skipped(): SkippedFile[] {
    return this.snapshot.skipped;
  }

  search(locale: Locale, query: string, limit: number): SearchResult[] {
    const snap = this.snapshot.locales[locale];
    const plan = planQuery(locale, query, snap.index);
    let ranked = runQuery(snap.index, plan);
    if (snap.stale.size) ranked = ranked.filter((h) => !snap.stale.has(h.ref));
    if (snap.delta) ranked = [...ranked, ...runQuery(snap.delta, plan)].sort((a, b) => b.score - a.score);
    const hits = withHubs(ranked, snap.hubs).slice(0, limit);
    const match = matcher(locale, plan);
    return hits.map((hit) => {
      const a = snap.articles.get(hit.ref)!;
      const text = a.text || a.summary;
      const cut = snippet(text, this.folded(locale, a.slug, text), match);
      return {
        slug: a.slug,
        locale,
        title: a.title,
        titleHighlights: highlight(a.title, match),
        summary: a.summary,
        category: a.category,
        snippet: cut.snippet,
        highlights: cut.highlights,
        score: Math.round(hit.score * 1000) / 1000,
      };
    });
  }

  article(locale: Locale, slug: string): (ArticleRecord & { html: string }) | undefined {
    const snap = this.snapshot.locales[locale];
    const a = snap.articles.get(slug);
    if (!a) return undefined;
    const key = `${locale}:${slug}`;
    let html = this.html.get(key);
    if (html === undefined) {
      html = renderArticle(this.markdownOf(a), snap.resolveLink);
      this.html.set(key, html);
    }
    return { ...a, html };
  }

  /** An editor's markdown as the widget would show it: the same renderer, sanitizer and article links. */
  renderPreview(locale: Locale, markdown: string): string {
    return renderArticle(markdown, this.snapshot.locales[locale].resolveLink);
  }

  translations(slug: string): { locale: Locale; title: string }[] {
    return LOCALES.flatMap((l) => {
      const a = this.snapshot.locales[l].articles.get(slug);
      return a ? [{ locale: l, title: a.title }] : [];
    });
  }

  summary(locale: Locale, slug: string): ArticleSummary | undefined {
    const a = this.snapshot.locales[locale].articles.get(slug);
    return a && { slug: a.slug, locale, title: a.title, summary: a.summary, category: a.category };
  }

  /** Slugs in file order (categories, then names): a stable fallback when nothing else ranks them. */
  firstSlugs(locale: Locale, limit: number): string[] {
    return [...this.snapshot.locales[locale].articles.keys()].slice(0, limit);
  }

  /** Articles whose front matter `paths` matches a host-page path (`/pricing`, or `/docs/*` for a section). */
  suggestedFor(locale: Locale, path: string): ArticleSummary[] {
    const want = normalisePath(path);
    const out: ArticleSummary[] = [];
    for (const a of this.snapshot.locales[locale].articles.values()) {
      const match = a.paths.some((p) => {
        const norm = normalisePath(p);
        return norm.endsWith('/*') ? want === norm.slice(0, -2) || want.startsWith(norm.slice(0, -1)) : norm === want;
      });
      if (match) out.push(this.summary(locale, a.slug)!);
    }
    return out;
  }
}

const normalisePath = (p: string) => {
  const path = p.split(/[?#]/)[0]!.replace(/\/+$/, '');
  return path === '' ? '/' : path.toLowerCase();
};

interface SnapshotCache {
  key: string;
  /** Without markdown (see markdownOf). */
  articles: ArticleRecord[];
  skipped: SkippedFile[];
  drafts: number;
  indexes: Record<Locale, FlatIndexData>;
}

/**
 * Parsing thousands of files and building their indexes takes seconds; a start with unchanged files
 * loads the last snapshot from DATA_DIR instead. The key covers every file's path, size and time.
 */
function cacheKey(kbDir: string): string {
  const hash = createHash('sha256').update(`${INDEX_VERSION}\n${kbDir}\n`);
  for (const file of articleFiles(kbDir)) {
    const st = statSync(file);
    hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function buildSnapshot(options: KnowledgeBaseOptions & { kbDir: string }): Snapshot {
  const file = options.cacheDir && join(options.cacheDir, CACHE_FILE);
  const key = file ? cacheKey(options.kbDir) : '';
  const cached = file ? readCache(file, key) : undefined;
  const { articles, skipped, drafts } = cached ?? loadArticles(options.kbDir);
  for (const s of skipped) options.log?.warn(`Skipped article file ${s.file}: ${s.reason}`);
  const { snapshot, indexes } = snapshotOf(articles, skipped, drafts, cached?.indexes);
  if (options.cacheDir && !cached) writeCache(options.cacheDir, key, articles, skipped, drafts, indexes);
  return snapshot;
}

const CACHE_FILE = 'kb-snapshot.v8';

/** The cache key of a database's published articles: every (locale, slug, published revision). */
function databaseKey(versions: { locale: string; slug: string; version: number }[]): string {
  const hash = createHash('sha256').update(`${INDEX_VERSION}\ndatabase\n`);
  for (const v of versions) hash.update(`${v.locale}\0${v.slug}\0${v.version}\n`);
  return hash.digest('hex');
}

function recordFromPublished(p: PublishedArticle): ArticleRecord {
  const body = parseMarkdown(p.body);
  return {
    slug: p.slug, locale: p.locale, title: p.title, summary: p.summary, category: p.category, tags: p.tags, paths: p.paths,
    extra: p.extra, markdown: p.body, text: body.text, headings: body.headings, links: body.links, file: `${p.slug}.${p.locale}.md`,
    version: p.version,
  };
}

function buildDatabaseSnapshot(options: KnowledgeBaseOptions & { db: Db }): Snapshot {
  const key = databaseKey(publishedVersions(options.db));
  const cached = options.cacheDir ? readCache(join(options.cacheDir, CACHE_FILE), key) : undefined;
  const articles = cached?.articles ?? publishedArticles(options.db).map(recordFromPublished);
  const drafts = countDrafts(options.db);
  const { snapshot, indexes } = snapshotOf(articles, options.skipped ?? [], drafts, cached?.indexes);
  if (options.cacheDir && !cached) writeCache(options.cacheDir, key, articles, [], drafts, indexes);
  return snapshot;
}

function readCache(file: string, key: string): SnapshotCache | undefined {
  try {
    // V8's own serialization reads two to four times faster than JSON for this much text.
    const cached = deserialize(readFileSync(file)) as SnapshotCache;
    return cached.key === key ? cached : undefined;
  } catch {
    return undefined; // no cache yet, or an unreadable one: build
  }
}

function writeCache(
  cacheDir: string, key: string, articles: ArticleRecord[], skipped: SkippedFile[], drafts: number, indexes: Record<Locale, FlatIndexData>,
): void {
  const file = join(cacheDir, CACHE_FILE);
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  // The markdown is read again (from its file or the database) when the article is opened: a smaller cache loads faster.
  const lean = articles.map(({ markdown: _markdown, ...rest }) => rest);
  writeFileSync(tmp, serialize({ key, articles: lean, skipped, drafts, indexes } satisfies SnapshotCache));
  renameSync(tmp, file);
}

const byKey = (a: { locale: string; slug: string }, b: { locale: string; slug: string }) =>
  a.locale === b.locale ? (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) : a.locale < b.locale ? -1 : 1;

/** More changed articles than this wait for the full rebuild instead of a delta index built in this thread. */
const DELTA_MAX = 100;

/** A locale's articles over a full index built from `base`, with what changed since in a delta index. */
function localeSnapshot(locale: Locale, index: FlatIndex, base: Map<string, number | undefined>, articles: ArticleRecord[]): LocaleSnapshot {
  const resolveLink = createLinkResolver(articles);
  const current = new Map(articles.map((a) => [a.slug, a]));
  const changed = articles.filter((a) => !base.has(a.slug) || base.get(a.slug) !== a.version);
  const gone = [...base.keys()].filter((slug) => !current.has(slug));
  const pending = changed.length > 0 || gone.length > 0;
  if (changed.length > DELTA_MAX) {
    // A whole import: the old index serves until the worker's full rebuild; only what is gone is hidden.
    return { index, articles: current, resolveLink, hubs: hubsOf(articles, resolveLink), base, stale: new Set(gone), pending };
  }
  const stale = new Set([...gone, ...changed.filter((a) => base.has(a.slug)).map((a) => a.slug)]);
  let delta: FlatIndex | undefined;
  if (changed.length) {
    const anchors = anchorTexts(articles, resolveLink);
    delta = buildIndex(locale, changed.map((a) => indexInput(a, anchors.get(a.slug) ?? [])));
  }
  return { index, articles: current, resolveLink, hubs: hubsOf(articles, resolveLink), base, delta, stale, pending };
}

function snapshotOf(
  articles: ArticleRecord[], skipped: SkippedFile[], drafts: number, cachedIndexes?: Record<Locale, FlatIndexData>,
): { snapshot: Snapshot; indexes: Record<Locale, FlatIndexData> } {
  const locales = {} as Record<Locale, LocaleSnapshot>;
  const indexes = {} as Record<Locale, FlatIndexData>;
  for (const locale of LOCALES) {
    const mine = articles.filter((a) => a.locale === locale);
    const resolveLink = createLinkResolver(mine);
    let index: FlatIndex;
    if (cachedIndexes) {
      index = new FlatIndex(cachedIndexes[locale]);
    } else {
      const anchors = anchorTexts(mine, resolveLink);
      index = buildIndex(locale, mine.map((a) => indexInput(a, anchors.get(a.slug) ?? [])));
      indexes[locale] = index.toJSON();
    }
    locales[locale] = {
      index,
      articles: new Map(mine.map((a) => [a.slug, a])),
      resolveLink,
      hubs: hubsOf(mine, resolveLink),
      base: new Map(mine.map((a) => [a.slug, a.version])),
      stale: new Set(),
      pending: false,
    };
  }
  return { snapshot: { locales, skipped, drafts }, indexes };
}
