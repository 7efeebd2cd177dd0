// Ranking on the shipped articles (kb-content/), through KnowledgeBase.search as the API calls it:
// what a visitor sees when they ask the way people ask.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../server/kb/knowledge-base.ts';
import type { Locale } from '../../protocol/locales.ts';

const kb = KnowledgeBase.load({ kbDir: join(import.meta.dirname, '..', '..', 'kb-content') });
const ranked = (locale: Locale, q: string) => kb.search(locale, q, 10).map((r) => ({ slug: r.slug, score: r.score }));
const first = (locale: Locale, q: string) => kb.search(locale, q, 10)[0]?.slug;

describe('search ranking on the shipped articles', () => {
  it('a paraphrased question finds the article that answers it', () => {
    expect(first('en', 'is there a way to search with the keyboard')).toBe('search-and-articles/keyboard-navigation');
    expect(first('en', 'how long do you keep my conversations')).toBe('privacy-and-data/what-data-we-keep');
    expect(first('es', '¿es posible valorar una conversación?')).toBe('chat-and-agents/rate-a-conversation');
    expect(first('es', 'cuanto tiempo guardan mis conversaciones')).toBe('privacy-and-data/what-data-we-keep');
  });

  it('the way a question is asked does not change its ranking', () => {
    expect(ranked('en', 'what happens if I withdraw my consent')).toEqual(ranked('en', 'withdraw my consent'));
    expect(ranked('en', 'is it possible to rate a conversation')).toEqual(ranked('en', 'rate a conversation'));
    expect(ranked('en', 'How do I rate a conversation?')).toEqual(ranked('en', 'rate a conversation?'));
    expect(ranked('es', '¿Qué pasa si retiro mi consentimiento?')).toEqual(ranked('es', 'retiro mi consentimiento?'));
    expect(ranked('es', '¿Cómo puedo valorar una conversación?')).toEqual(ranked('es', 'valorar una conversación?'));
    expect(first('en', 'withdraw my consent')).toBe('privacy-and-data/consent-and-withdrawal');
    expect(first('es', 'retiro mi consentimiento')).toBe('privacy-and-data/consent-and-withdrawal');
  });

  it('words typed together find the article that writes them apart', () => {
    expect(first('en', 'chatrating')).toBe('chat-and-agents/rate-a-conversation');
    expect(first('en', 'shortlinks')).toBe('getting-started/help-page-and-shared-links');
    expect(first('en', 'officehours')).toBe('chat-and-agents/office-hours-and-reply-times');
    expect(first('es', 'horariodeatencion')).toBe('chat-and-agents/office-hours-and-reply-times');
    // The words split out are highlighted like words typed apart.
    const [hit] = kb.search('en', 'chatrating', 1);
    const marked = hit!.titleHighlights.map(([s, e]) => hit!.title.slice(s, e).toLowerCase());
    expect(hit!.title).toBe('How to rate a conversation with our team');
    expect(marked).toContain('rate');
  });

  it('a Spanish question typed without accents ranks as the accented one', () => {
    for (const q of ['¿Qué pasa si retiro mi consentimiento?', '¿Cuánto tiempo guardan mis conversaciones?', 'Cómo contactar con una persona']) {
      const plain = q.normalize('NFD').replace(/\p{Diacritic}/gu, '');
      expect(ranked('es', plain)).toEqual(ranked('es', q));
    }
  });
});
