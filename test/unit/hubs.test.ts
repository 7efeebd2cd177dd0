import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../server/kb/loader.ts';
import { createLinkResolver, hubsOf } from '../../server/kb/links.ts';

const article = (slug: string, links: string[] = []): ArticleRecord => ({
  slug, locale: 'en', title: slug, summary: '', category: '', tags: [], paths: [], extra: {}, text: '', headings: [],
  links: links.map((href) => ({ href, text: href })), file: `${slug}.en.md`,
});

describe('hubsOf', () => {
  it('an overview linking to several articles of its section gathers them; a link in passing does not', () => {
    const articles = [
      article('billing/overview', ['/billing/refunds', '/billing/invoices', '/billing/taxes']),
      article('billing/refunds', ['/billing/invoices', '/billing/overview']),
      article('billing/invoices'),
      article('billing/taxes'),
    ];
    const hubs = hubsOf(articles, createLinkResolver(articles));
    expect(hubs.get('billing/refunds')).toEqual(['billing/overview']);
    expect(hubs.get('billing/invoices')).toEqual(['billing/overview']);
    expect(hubs.get('billing/overview')).toBeUndefined();
  });

  it("a folder's own article gathers the folder", () => {
    const articles = [article('billing'), article('billing/refunds')];
    expect(hubsOf(articles, createLinkResolver(articles)).get('billing/refunds')).toEqual(['billing']);
  });
});
