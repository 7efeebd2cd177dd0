// The automatic limits on a visitor's messages, on a controlled clock.
import { describe, expect, it } from 'vitest';
import { countLinks, SpamCheck } from '../../server/abuse/spam-check.ts';

const limits = { conversationsPerHour: 0, messagesPerMinute: 3, linksPerMessage: 2, repeatedMessages: 2 };
const T0 = 1_800_000_000_000;

describe('spam check', () => {
  it('counts http(s) and www links', () => {
    expect(countLinks('see https://a.example/x and http://b.example, or www.c.example')).toBe(3);
    expect(countLinks('no links here, just a.b')).toBe(0);
  });

  it('refuses past the per-minute limit, per conversation, and allows again a minute later', () => {
    const s = new SpamCheck(limits);
    for (let i = 0; i < 3; i++) expect(s.check('c1', `m${i}`, T0 + i)).toEqual({ action: 'deliver' });
    expect(s.check('c1', 'm3', T0 + 10)).toEqual({ action: 'refuse' });
    expect(s.check('c2', 'other', T0 + 10)).toEqual({ action: 'deliver' });
    expect(s.check('c1', 'm4', T0 + 60_001)).toEqual({ action: 'deliver' });
  });

  it('holds many links, and the same text (case and spacing aside) past the repeat limit within 10 minutes', () => {
    const s = new SpamCheck({ ...limits, messagesPerMinute: 0 });
    expect(s.check('c', 'http://a.example http://b.example http://c.example', T0)).toEqual({ action: 'hold', reason: 'links' });
    expect(s.check('c', 'Compra ya', T0)).toEqual({ action: 'deliver' });
    expect(s.check('c', 'compra  YA', T0 + 1)).toEqual({ action: 'deliver' });
    expect(s.check('c', 'Compra ya', T0 + 2)).toEqual({ action: 'hold', reason: 'repeated' });
    expect(s.check('c', 'Compra ya', T0 + 11 * 60_000)).toEqual({ action: 'deliver' });
  });

  it('counts only the repeats still inside the window as older ones expire', () => {
    const s = new SpamCheck({ ...limits, messagesPerMinute: 0 });
    expect(s.check('c', 'hola', T0)).toEqual({ action: 'deliver' });
    expect(s.check('c', 'hola', T0 + 5 * 60_000)).toEqual({ action: 'deliver' });
    // The first "hola" has left the 10-minute window: one repeat in it, under the limit of two.
    expect(s.check('c', 'hola', T0 + 10 * 60_000 + 1)).toEqual({ action: 'deliver' });
    expect(s.check('c', 'HOLA', T0 + 10 * 60_000 + 2)).toEqual({ action: 'hold', reason: 'repeated' });
    s.prune(T0 + 21 * 60_000);
    expect(s.check('c', 'hola', T0 + 21 * 60_000)).toEqual({ action: 'deliver' });
  });

  it('does nothing with every limit off', () => {
    const s = new SpamCheck({ conversationsPerHour: 0, messagesPerMinute: 0, linksPerMessage: 0, repeatedMessages: 0 });
    for (let i = 0; i < 50; i++) expect(s.check('c', 'http://a http://b http://c http://d same', T0)).toEqual({ action: 'deliver' });
  });
});
