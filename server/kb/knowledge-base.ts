// The published articles and their search indexes, held as one immutable snapshot. A rebuild makes a
// new snapshot off the request path and swaps the reference, so searches never see half an index.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import type { ArticleSummary, SearchResult } from '../../protocol/kb.ts';
import { LOCALES, type Locale } from '../../protocol/locales.ts';
import { anchorTexts, createLinkResolver, hubsOf, type LinkResolver } from './links.ts';
import { loadArticles, type ArticleRecord, type SkippedFile } from './loader.ts';
import { renderArticle } from './render.ts';
import { buildIndex, indexInput, INDEX_VERSION, matcher, planQuery, runQuery, withHubs } from './search-index.ts';
import { highlight, snippet } from './snippet.ts';

interface LocaleSnapshot {
  index: lunr.Index;
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
    const plan = planQuery(locale, query);
    const hits = withHubs(runQuery(snap.index, plan), snap.hubs).slice(0, limit);
    const isMatch = matcher(locale, plan);
    return hits.map((hit) => {
      const a = snap.articles.get(hit.ref)!;
      const cut = snippet(a.text || a.summary, isMatch);
      return {
        slug: a.slug,
        locale,
        title: a.title,
        titleHighlights: highlight(a.title, isMatch),
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
      html = renderArticle(a.markdown, snap.resolveLink);
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

function buildSnapshot(options: KnowledgeBaseOptions): Snapshot {
  const { articles, skipped, drafts } = loadArticles(options.kbDir);
  for (const s of skipped) options.log?.warn(`Skipped article file ${s.file}: ${s.reason}`);
  const locales = {} as Record<Locale, LocaleSnapshot>;
  for (const locale of LOCALES) {
    const mine = articles.filter((a) => a.locale === locale);
    const resolveLink = createLinkResolver(mine);
    const anchors = anchorTexts(mine, resolveLink);
    const inputs = mine.map((a) => indexInput(a, anchors.get(a.slug) ?? []));
    locales[locale] = {
      index: cachedIndex(options.cacheDir, locale, inputs),
      articles: new Map(mine.map((a) => [a.slug, a])),
      resolveLink,
      hubs: hubsOf(mine, resolveLink),
    };
  }
  return { locales, skipped, drafts };
}

/** Building an index of thousands of articles takes seconds; loading the cached one, a fraction. */
function cachedIndex(cacheDir: string | undefined, locale: Locale, inputs: ReturnType<typeof indexInput>[]): lunr.Index {
  if (!cacheDir) return buildIndex(locale, inputs);
  const hash = createHash('sha256').update(`${INDEX_VERSION}\n${locale}\n`).update(JSON.stringify(inputs)).digest('hex');
  const file = join(cacheDir, `search-${locale}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { hash: string; index: object };
    if (cached.hash === hash) return lunr.Index.load(cached.index);
  } catch {
    // No cache yet, or an unreadable one: build.
  }
  const index = buildIndex(locale, inputs);
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ hash, index }));
  renameSync(tmp, file);
  return index;
}
