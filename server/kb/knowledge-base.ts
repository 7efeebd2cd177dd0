// The published articles and their search indexes, held as one immutable snapshot. A rebuild makes a
// new snapshot off the request path and swaps the reference, so searches never see half an index.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ArticleSummary, SearchResult } from '../../protocol/kb.ts';
import { LOCALES, type Locale } from '../../protocol/locales.ts';
import { anchorTexts, createLinkResolver, hubsOf, type LinkResolver } from './links.ts';
import { FlatIndex, type FlatIndexData } from './flat-index.ts';
import { articleFiles, loadArticles, parseArticleFile, type ArticleRecord, type SkippedFile } from './loader.ts';
import { renderArticle } from './render.ts';
import { buildIndex, indexInput, INDEX_VERSION, matcher, planQuery, runQuery, withHubs } from './search-index.ts';
import { foldKeepingOffsets, highlight, snippet } from './snippet.ts';

interface LocaleSnapshot {
  index: FlatIndex;
  articles: Map<string, ArticleRecord>;
  resolveLink: LinkResolver;
  hubs: Map<string, string[]>;
}

interface Snapshot {
  locales: Record<Locale, LocaleSnapshot>;
  skipped: SkippedFile[];
  drafts: number;
}

export interface KnowledgeBaseOptions {
  kbDir: string;
  /** Where built indexes are cached between starts; none when undefined. */
  cacheDir?: string;
  log?: { info(msg: string): void; warn(msg: string): void };
}

export class KnowledgeBase {
  private snapshot: Snapshot;
  private readonly html = new Map<string, string>();
  private readonly foldedText = new Map<string, string>();

  private constructor(private readonly options: KnowledgeBaseOptions, snapshot: Snapshot) {
    this.snapshot = snapshot;
  }

  static load(options: KnowledgeBaseOptions): KnowledgeBase {
    return new KnowledgeBase(options, buildSnapshot(options));
  }

  /** Reads KB_DIR again and swaps in the new snapshot once it is complete. */
  reload(): void {
    const next = buildSnapshot(this.options);
    this.snapshot = next;
    this.html.clear();
    this.foldedText.clear();
  }

  /** The markdown of an article: kept in memory when parsed now, read again when loaded from the cache. */
  private markdownOf(a: ArticleRecord): string {
    if (a.markdown !== undefined) return a.markdown;
    const file = join(this.options.kbDir, a.file);
    const reparsed = parseArticleFile(this.options.kbDir, file, readFileSync(file, 'utf8'));
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
    const hits = withHubs(runQuery(snap.index, plan), snap.hubs).slice(0, limit);
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

function buildSnapshot(options: KnowledgeBaseOptions): Snapshot {
  const file = options.cacheDir && join(options.cacheDir, 'kb-snapshot.v8');
  const key = file ? cacheKey(options.kbDir) : '';
  let cached: SnapshotCache | undefined;
  if (file) {
    try {
      // V8's own serialization reads two to four times faster than JSON for this much text.
      cached = deserialize(readFileSync(file)) as SnapshotCache;
      if (cached.key !== key) cached = undefined;
    } catch {
      cached = undefined; // no cache yet, or an unreadable one: build
    }
  }
  const { articles, skipped, drafts } = cached ?? loadArticles(options.kbDir);
  for (const s of skipped) options.log?.warn(`Skipped article file ${s.file}: ${s.reason}`);
  const locales = {} as Record<Locale, LocaleSnapshot>;
  const indexes = {} as Record<Locale, FlatIndexData>;
  for (const locale of LOCALES) {
    const mine = articles.filter((a) => a.locale === locale);
    const resolveLink = createLinkResolver(mine);
    let index: FlatIndex;
    if (cached) {
      index = new FlatIndex(cached.indexes[locale]);
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
    };
  }
  if (file && !cached) {
    mkdirSync(options.cacheDir!, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    // The markdown is read again from its file when the article is opened: a smaller cache loads faster.
    const lean = articles.map(({ markdown: _markdown, ...rest }) => rest);
    writeFileSync(tmp, serialize({ key, articles: lean, skipped, drafts, indexes } satisfies SnapshotCache));
    renameSync(tmp, file);
  }
  return { locales, skipped, drafts };
}
