// The auto-answer confidence on the shipped articles, in both languages: a clear question about one article
// is confident, an off-topic or too-short one is not.
import { describe, expect, it } from 'vitest';
import { confidenceOf, DEFAULT_THRESHOLD } from '../../server/auto-answer/confidence.ts';
import { KnowledgeBase } from '../../server/kb/knowledge-base.ts';
import type { Locale } from '../../protocol/locales.ts';
import { shippedKb } from '../helpers/server.ts';

const kb = KnowledgeBase.load({ kbDir: shippedKb });
const conf = (locale: Locale, q: string) => confidenceOf(locale, q, kb.search(locale, q, 3), (slug) => kb.article(locale, slug)?.text ?? '');

describe('auto-answer confidence', () => {
  it('is confident for a clear question about one article, in Spanish (with or without accents) and English', () => {
    for (const [locale, q] of [
      ['es', '¿Cómo valoro una conversación con el equipo?'],
      ['es', 'como valoro una conversacion con el equipo'],
      ['en', 'How do I rate a conversation?'],
    ] as const) {
      const c = conf(locale, q)!;
      expect(c.slug).toBe('chat-and-agents/rate-a-conversation');
      expect(c.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    }
  });

  it('is not confident for off-topic or too-short messages', () => {
    expect(conf('en', 'What is your refund policy for damaged bread?')!.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    expect(conf('es', 'Mi perro se comió los deberes de matemáticas')!.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    expect(conf('es', 'hola')).toBeUndefined();
    expect((conf('es', 'valorar') ?? { confidence: 0 }).confidence).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('stays between 0 and 1 and needs a top result', () => {
    expect(confidenceOf('es', 'algo', [], () => '')).toBeUndefined();
    const c = confidenceOf('es', 'valorar conversación equipo', [{ slug: 'x', title: 'Valorar una conversación con el equipo', summary: '', score: 10 }], () => '')!;
    expect(c.confidence).toBeGreaterThan(0.9);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });
});
