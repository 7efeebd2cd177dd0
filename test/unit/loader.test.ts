// The article loader on real files: both naming conventions, front matter, and files it must skip.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../server/kb/knowledge-base.ts';
import { loadArticles } from '../../server/kb/loader.ts';
import { tempDir } from '../helpers/server.ts';

function kbWith(files: Record<string, string>): string {
  const dir = tempDir('atiende-kb-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadArticles', () => {
  it('reads <name>.<locale>.md and the Jekyll <name>._<locale>.md as one slug in two locales', () => {
    const dir = kbWith({
      'billing/refunds.en.md': '---\ntitle: Refunds\nsummary: Money back\ntags: [refund, money]\npaths: ["/pricing"]\n---\nBody **text**.',
      'billing/refunds._es.md': '---\ntitle: Reembolsos\ncategory: facturación\n---\nTexto.',
    });
    const { articles, skipped } = loadArticles(dir);
    expect(skipped).toEqual([]);
    const en = articles.find((a) => a.locale === 'en')!;
    const es = articles.find((a) => a.locale === 'es')!;
    expect(en).toMatchObject({ slug: 'billing/refunds', title: 'Refunds', summary: 'Money back', category: 'billing', tags: ['refund', 'money'], paths: ['/pricing'] });
    expect(en.text).toBe('Body text.');
    expect(es).toMatchObject({ slug: 'billing/refunds', title: 'Reembolsos', category: 'facturación' });
  });

  it('skips malformed files with the file and the reason, and loads the rest', () => {
    const dir = kbWith({
      'good.en.md': '---\ntitle: Good\n---\nFine.',
      'no-front-matter.en.md': 'Just text',
      'no-title.en.md': '---\nsummary: nothing\n---\nBody',
      'bad-yaml.en.md': '---\ntitle: [unclosed\n---\nBody',
      'french.fr.md': '---\ntitle: Bonjour\n---\nBody',
      'no-locale.md': '---\ntitle: Where\n---\nBody',
      'bad-status.en.md': '---\ntitle: Odd\nstatus: maybe\n---\nBody',
      'bad-paths.en.md': '---\ntitle: Odd\npaths: [pricing]\n---\nBody',
      'draft.en.md': '---\ntitle: Draft\nstatus: draft\n---\nBody',
      'README.md': '# not an article',
    });
    const { articles, skipped, drafts } = loadArticles(dir);
    expect(articles.map((a) => a.slug)).toEqual(['good']);
    expect(drafts).toBe(1);
    const reasons = Object.fromEntries(skipped.map((s) => [s.file, s.reason]));
    expect(reasons['no-front-matter.en.md']).toMatch(/no front matter/);
    expect(reasons['no-title.en.md']).toMatch(/no "title"/);
    expect(reasons['bad-yaml.en.md']).toMatch(/bad YAML/);
    expect(reasons['french.fr.md']).toMatch(/unsupported locale "fr"/);
    expect(reasons['no-locale.md']).toMatch(/no locale/);
    expect(reasons['bad-status.en.md']).toMatch(/status/);
    expect(reasons['bad-paths.en.md']).toMatch(/paths/);
    expect(Object.keys(reasons)).toHaveLength(7);
  });

  it('lets front matter locale override the file name, and keeps unknown keys without indexing them', () => {
    const dir = kbWith({ 'guide.md': '---\ntitle: Guía\nlocale: es\nsecret_code: zebrafish\n---\nTexto normal.' });
    const { articles } = loadArticles(dir);
    expect(articles[0]).toMatchObject({ slug: 'guide', locale: 'es', extra: { secret_code: 'zebrafish' } });
    const kb = KnowledgeBase.load({ kbDir: dir });
    expect(kb.search('es', 'zebrafish', 5)).toEqual([]);
    expect(kb.search('es', 'normal', 5).map((r) => r.slug)).toEqual(['guide']);
  });

  it('loads the real bilingual Login.gov help centre, Liquid and kramdown syntax removed', () => {
    const dir = resolve(import.meta.dirname, '../../../shared/data/login-gov-help');
    const { articles, skipped } = loadArticles(dir);
    expect(articles.length + skipped.length).toBe(110);
    expect(articles.filter((a) => a.locale === 'es').length).toBeGreaterThan(50);
    expect(articles.filter((a) => a.locale === 'en').length).toBeGreaterThan(50);
    for (const a of articles) expect(a.markdown).not.toMatch(/\{%|\{\{|\{:/);
    const kb = KnowledgeBase.load({ kbDir: dir });
    const [first] = kb.search('es', 'contrasena olvidada', 3);
    expect(first).toBeDefined();
    // Old URLs (redirect_from) are never searchable text.
    const hidden = kb.search('en', 'i didnt receive a confirmation email from logingov', 10);
    for (const r of hidden) expect(r.snippet).not.toMatch(/confirmation-email/);
  });
});

describe('article HTML', () => {
  it('is sanitized: no script, no event handlers, no javascript: links; external links open safely', () => {
    const dir = kbWith({
      'x.en.md': '---\ntitle: X\n---\n<script>alert(1)</script>\n\n<img src="https://e.com/a.png" onerror="alert(1)">\n\n[bad](javascript:alert(1)) [ext](https://example.com) [other](/help#/article/en/y)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
      'y.en.md': '---\ntitle: Y\n---\nY',
    });
    const html = KnowledgeBase.load({ kbDir: dir }).article('en', 'x')!.html;
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">');
    expect(html).toContain('data-slug="y"');
    expect(html).toContain('<table>');
    expect(html).toContain('<img src="https://e.com/a.png"');
  });
});

describe('Jekyll help centres', () => {
  it('read indented HTML as HTML, as kramdown does, only in <name>._<locale>.md files', () => {
    const body = '<div>\n\n    <ol>\n      <li>First step</li>\n    </ol>\n</div>\n';
    const dir = kbWith({ 'steps._en.md': `---\ntitle: Steps\n---\n${body}`, 'code.en.md': `---\ntitle: Code\n---\nExample:\n\n    <ol>\n      <li>kept as code</li>\n    </ol>\n` });
    const kb = KnowledgeBase.load({ kbDir: dir });
    expect(kb.article('en', 'steps')!.html).toMatch(/<ol>\s*<li>First step<\/li>/);
    expect(kb.article('en', 'code')!.html).toContain('&lt;li&gt;kept as code');
    expect(kb.search('en', 'first step', 1)[0]!.snippet).not.toContain('<li>');
  });
});
