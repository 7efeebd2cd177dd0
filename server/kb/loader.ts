// Reads the article files of KB_DIR: `<path>/<name>.<locale>.md` or the Jekyll `<name>._<locale>.md`,
// with YAML front matter. A file that can't be an article is skipped with the reason, never fatal.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { isLocale, type Locale } from '../../protocol/locales.ts';
import { parseMarkdown, stripTemplateSyntax } from './render.ts';

export interface ArticleRecord {
  slug: string;
  locale: Locale;
  title: string;
  summary: string;
  category: string;
  tags: string[];
  /** Host-page URL paths where the article is suggested. */
  paths: string[];
  /** Front-matter keys Atiende does not know: kept, never indexed. */
  extra: Record<string, unknown>;
  /** The markdown body, template syntax removed; undefined when loaded from the start-up cache. */
  markdown?: string;
  text: string;
  headings: string[];
  links: { href: string; text: string }[];
  file: string;
  /** The published revision, for articles served from the database. */
  version?: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadResult {
  articles: ArticleRecord[];
  skipped: SkippedFile[];
  drafts: number;
}

const KNOWN_KEYS = new Set(['title', 'summary', 'category', 'tags', 'paths', 'locale', 'status']);
const SLUG = /^[a-z0-9][a-z0-9._/-]*$/;
const NAME = /^(.+?)\.(?:_)?([A-Za-z]{2})(?:[-_][A-Za-z]{2})?\.md$/;

/** The files of KB_DIR that may be articles, in a stable order. */
export function articleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md')
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Jekyll help centres (`<name>._<locale>.md`) are written for kramdown, which reads indented HTML as
 * HTML; CommonMark would show it as a code block of tags. Unindent lines that are HTML tags.
 */
function kramdownHtml(markdown: string): string {
  return markdown.replace(/^[ \t]+(?=<\/?[a-zA-Z][^>]*>)/gm, '');
}

/** Why a file is not an article; the message says what to fix. */
export class SkipError extends Error {}
const skip = (reason: string): never => {
  throw new SkipError(reason);
};

function stringList(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  return skip(`front matter "${key}" must be a list of strings`);
}

function text(value: unknown, key: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  return skip(`front matter "${key}" must be a string`);
}

/** Parses one article file; throws SkipError saying why it is not an article. Drafts are left out. */
export function parseArticleFile(kbDir: string, file: string, source: string): ArticleRecord | 'draft' {
  const article = parseArticleSource(kbDir, file, source);
  return article.status === 'draft' ? 'draft' : article;
}

/** Parses one article file, drafts included (imports keep them); throws SkipError saying why it is not an article. */
export function parseArticleSource(kbDir: string, file: string, source: string): ArticleRecord & { status: 'draft' | 'published' } {
  const rel = relative(kbDir, file).split(sep).join('/');
  const named = rel.match(NAME);
  if (!source.startsWith('---')) skip('no front matter (the file must begin with a --- line)');
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source, {});
  } catch (err) {
    return skip(`bad YAML in front matter: ${(err as Error).message.split('\n')[0]}`);
  }
  const data = parsed.data as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) skip('front matter must be a mapping of keys');
  const title = text(data.title, 'title');
  if (!title) skip('front matter has no "title"');
  const localeRaw = (data.locale !== undefined ? text(data.locale, 'locale') : named?.[2] ?? '').toLowerCase().slice(0, 2);
  if (!localeRaw) skip('no locale: name the file <name>.<locale>.md or set "locale" in the front matter');
  if (!isLocale(localeRaw)) skip(`unsupported locale "${localeRaw}" (supported: es, en)`);
  const slug = (named ? named[1] : rel.replace(/\.md$/, '')).toLowerCase();
  if (!SLUG.test(slug)) skip(`"${slug}" is not a usable slug: use lower-case letters, digits, - _ . and /`);
  const status = text(data.status, 'status') || 'published';
  if (status !== 'published' && status !== 'draft') skip(`front matter "status" must be published or draft, not "${status}"`);
  const paths = stringList(data.paths, 'paths');
  const bad = paths.find((p) => !p.startsWith('/'));
  if (bad) skip(`front matter "paths" has "${bad}": each must be a URL path starting with /`);
  const jekyll = /\._[A-Za-z]{2}(?:[-_][A-Za-z]{2})?\.md$/.test(rel);
  const markdown = jekyll ? kramdownHtml(stripTemplateSyntax(parsed.content)) : stripTemplateSyntax(parsed.content);
  const body = parseMarkdown(markdown);
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!KNOWN_KEYS.has(key)) extra[key] = value;
  return {
    slug,
    locale: localeRaw as Locale,
    title,
    summary: text(data.summary, 'summary'),
    category: text(data.category, 'category') || (slug.includes('/') ? slug.split('/')[0]! : ''),
    tags: stringList(data.tags, 'tags'),
    paths,
    extra,
    markdown,
    text: body.text,
    headings: body.headings,
    links: body.links,
    file: rel,
    status: status as 'draft' | 'published',
  };
}

export function loadArticles(kbDir: string): LoadResult {
  const articles: ArticleRecord[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  let drafts = 0;
  let files: string[];
  try {
    files = articleFiles(kbDir);
  } catch (err) {
    throw new Error(`KB_DIR ${kbDir} cannot be read: ${(err as Error).message}`);
  }
  for (const file of files) {
    const rel = relative(kbDir, file);
    try {
      const article = parseArticleFile(kbDir, file, readFileSync(file, 'utf8'));
      if (article === 'draft') {
        drafts++;
        continue;
      }
      const key = `${article.locale}:${article.slug}`;
      const first = seen.get(key);
      if (first) skip(`same slug and locale as ${first}`);
      seen.set(key, rel);
      articles.push(article);
    } catch (err) {
      if (!(err instanceof SkipError)) throw err;
      skipped.push({ file: rel, reason: err.message });
    }
  }
  return { articles, skipped, drafts };
}
