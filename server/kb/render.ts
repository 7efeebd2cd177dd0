// Markdown to safe HTML: marked renders, sanitize-html keeps only what an article needs.
// Every piece of article HTML a visitor or an editor sees passes through renderArticle.
import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'del', 's', 'sub', 'sup', 'mark',
    'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'figure', 'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel', 'data-slug'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    th: ['align', 'scope', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // Links to other sites open in a new tab and can't reach back into the page that opened them.
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      if (/^https?:\/\//i.test(href)) return { tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } };
      const { target: _t, rel: _r, ...rest } = attribs;
      return { tagName, attribs: rest };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
};

export interface ParsedMarkdown {
  tokens: Token[];
  /** The body as plain text: what is indexed and what snippets are cut from. */
  text: string;
  headings: string[];
  links: { href: string; text: string }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decodeEntities = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);

/**
 * Removes what Jekyll help centres leave in their markdown and no other renderer understands:
 * Liquid tags (`{% include %}`, `{{ site.baseurl }}`) and kramdown attribute lists (`{: .class}`).
 */
export function stripTemplateSyntax(markdown: string): string {
  return markdown.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}|\{:[^}\n]*\}/g, '');
}

const stripTags = (html: string) => html.replace(/<\/?[a-zA-Z][^>]*>/g, ' ');
const BLOCKS = new Set(['paragraph', 'heading', 'list_item', 'code', 'blockquote', 'space', 'hr']);

export function parseMarkdown(markdown: string): ParsedMarkdown {
  const tokens = marked.lexer(markdown);
  const parts: string[] = [];
  const headings: string[] = [];
  const links: { href: string; text: string }[] = [];
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.type === 'heading') headings.push(decodeEntities((token as Tokens.Heading).text));
      if (token.type === 'link') links.push({ href: (token as Tokens.Link).href, text: decodeEntities((token as Tokens.Link).text) });
      if (token.type === 'html') {
        // Raw HTML in markdown: its words count, its tags are dropped below.
        parts.push(` ${stripTags((token as Tokens.HTML).text)} `);
        continue;
      }
      if (token.type === 'br') parts.push(' ');
      const children = (token as { tokens?: Token[] }).tokens;
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          for (const cell of row) {
            walk(cell.tokens);
            parts.push(' ');
          }
          parts.push('\n');
        }
      } else if (token.type === 'list') {
        for (const item of (token as Tokens.List).items) {
          walk(item.tokens);
          parts.push('\n');
        }
      } else if (children?.length) {
        walk(children);
      } else if (token.type === 'codespan' || token.type === 'code') {
        // Code is shown as written: `<atiende-widget>` is words a visitor may search for.
        parts.push((token as Tokens.Text).text);
      } else if (token.type === 'text') {
        parts.push(stripTags((token as Tokens.Text).text));
      } else if (token.type === 'image') {
        parts.push((token as Tokens.Image).text);
      }
      if (BLOCKS.has(token.type)) parts.push('\n');
    }
  };
  walk(tokens);
  // Inline HTML stays in text tokens; the plain text keeps only what it says.
  const text = decodeEntities(parts.join(''))
    .replace(/[ \t]*\n[\s]*/g, '\n').replace(/[ \t]+/g, ' ').trim();
  return { tokens, text, headings, links };
}

/**
 * Sanitized HTML for an article. `resolveLink` maps an in-article link to another article's slug,
 * so the widget can open it in place.
 */
export function renderArticle(markdown: string, resolveLink?: (href: string) => string | undefined): string {
  const html = marked.parse(markdown) as string;
  const clean = sanitizeHtml(html, SANITIZE);
  if (!resolveLink) return clean;
  return clean.replace(/<a href="([^"]*)"/g, (whole, href: string) => {
    const slug = resolveLink(href.replace(/&amp;/g, '&'));
    return slug ? `<a href="${href}" data-slug="${slug}"` : whole;
  });
}
