// Resolves links between articles. Help centres link to each other by URL (`/help/billing/refunds/`,
// a Jekyll permalink), not by slug; the link text is how one article names another, which search
// uses, and the widget opens a resolved link in place.
import type { ArticleRecord } from './loader.ts';

const segments = (href: string): string[] | undefined => {
  // The help page's own article links: /help#/article/<locale>/<slug>.
  const inHelp = href.match(/#\/article\/[a-z]{2}\/([^?#]+)$/i);
  if (inHelp) return inHelp[1]!.split('/').filter(Boolean).map((p) => p.toLowerCase());
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#')) return undefined;
  const path = href.split(/[?#]/)[0]!.replace(/\.(md|html?)$/i, '');
  const parts = path.split('/').filter((p) => p && p !== '.' && p !== '..').map((p) => p.toLowerCase());
  return parts.length ? parts : undefined;
};

/** Every trailing run of path segments names the article unless two articles share it. */
function suffixes(parts: string[]): string[] {
  return parts.map((_, i) => parts.slice(i).join('/'));
}

export type LinkResolver = (href: string) => string | undefined;

export function createLinkResolver(articles: ArticleRecord[]): LinkResolver {
  const keys = new Map<string, string | null>();
  const claim = (key: string, slug: string) => {
    const owner = keys.get(key);
    if (owner === undefined) keys.set(key, slug);
    else if (owner !== slug) keys.set(key, null);
  };
  for (const a of articles) {
    for (const k of suffixes(a.slug.split('/'))) claim(k, a.slug);
    const permalink = typeof a.extra.permalink === 'string' ? segments(a.extra.permalink) : undefined;
    if (permalink) for (const k of suffixes(permalink)) claim(k, a.slug);
  }
  return (href) => {
    const parts = segments(href);
    if (!parts) return undefined;
    for (const k of suffixes(parts)) {
      const slug = keys.get(k);
      if (slug) return slug;
      if (slug === null) return undefined;
    }
    return undefined;
  };
}

// Link texts that say nothing about where they lead.
const EMPTY_ANCHORS = new Set(['here', 'click here', 'this', 'link', 'more', 'learn more', 'read more', 'aqui', 'aquí',
  'haz clic aqui', 'haz clic aquí', 'este enlace', 'mas', 'más', 'leer mas', 'leer más', 'más información', 'mas informacion']);

/** For each article, the texts of links that point at it from other articles of the same locale. */
export function anchorTexts(articles: ArticleRecord[], resolve: LinkResolver): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of articles) {
    for (const link of a.links) {
      const target = resolve(link.href);
      const text = link.text.trim();
      if (!target || target === a.slug || !text || EMPTY_ANCHORS.has(text.toLowerCase())) continue;
      const list = out.get(target) ?? [];
      if (!list.includes(text)) list.push(text);
      out.set(target, list);
    }
  }
  return out;
}

/** An article gathers others when it links to at least this many articles of its own section. */
const HUB_MIN_LINKS = 3;

/**
 * The articles that gather each article: its folder's own article (`billing` for `billing/refunds`) and
 * the overviews of its section: articles that link to several articles of that section (a list of
 * questions). A question about a specific article is also a question about the section that gathers
 * it. One or two links in passing (a "see also", a link back to the overview) do not make a hub: with
 * them, sibling articles became each other's hubs and outranked the article a question was about.
 */
export function hubsOf(articles: ArticleRecord[], resolve: LinkResolver): Map<string, string[]> {
  const slugs = new Set(articles.map((a) => a.slug));
  const section = (slug: string) => slug.split('/')[0];
  const out = new Map<string, string[]>();
  const add = (child: string, hub: string) => {
    const list = out.get(child) ?? [];
    if (hub !== child && !list.includes(hub)) list.push(hub);
    out.set(child, list);
  };
  for (const a of articles) {
    const folder = a.slug.split('/').slice(0, -1).join('/');
    if (folder && slugs.has(folder)) add(a.slug, folder);
    const gathered = new Set<string>();
    for (const link of a.links) {
      const target = resolve(link.href);
      if (target && target !== a.slug && section(target) === section(a.slug) && target.includes('/')) gathered.add(target);
    }
    if (gathered.size >= HUB_MIN_LINKS) for (const target of gathered) add(target, a.slug);
  }
  return out;
}
