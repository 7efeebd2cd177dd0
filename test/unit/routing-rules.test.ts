import { describe, expect, it } from 'vitest';
import { pickTeam, type Rule } from '../../server/routing/rules.ts';

const rule = (id: number, teamId: string, r: Partial<Rule>): Rule => ({ id, teamId, position: id, categories: [], words: [], locale: null, channel: null, ...r });
const input = { firstMessage: '', categories: [] as string[], locale: 'es', channel: 'web' };

describe('routing rules', () => {
  const rules = [
    rule(1, 'billing', { words: ['factura', 'facturación', 'invoice'] }),
    rule(2, 'tech', { categories: ['Cuenta'] }),
    rule(3, 'social', { channel: 'facebook' }),
    rule(4, 'english', { locale: 'en' }),
  ];

  it('matches words without case or accents, as whole words', () => {
    expect(pickTeam(rules, { ...input, firstMessage: 'Tengo un problema con la FACTURACION de marzo' })).toBe('billing');
    expect(pickTeam(rules, { ...input, firstMessage: 'Where is my invoice?' })).toBe('billing');
    expect(pickTeam(rules, { ...input, firstMessage: 'Facturas' })).toBeNull();
  });

  it('matches the categories of the articles read, the channel and the locale', () => {
    expect(pickTeam(rules, { ...input, categories: ['cuenta'] })).toBe('tech');
    expect(pickTeam(rules, { ...input, channel: 'facebook' })).toBe('social');
    expect(pickTeam(rules, { ...input, locale: 'en', firstMessage: 'hello' })).toBe('english');
  });

  it('takes the first matching rule by position, and a rule needs all its conditions', () => {
    const both = [rule(1, 'a', { words: ['pedido'], locale: 'en', position: 1 }), rule(2, 'b', { words: ['pedido'], position: 2 })];
    expect(pickTeam(both, { ...input, firstMessage: 'mi pedido' })).toBe('b');
    expect(pickTeam(both, { ...input, locale: 'en', firstMessage: 'mi pedido' })).toBe('a');
    const reordered = [rule(1, 'a', { words: ['pedido'], position: 5 }), rule(2, 'b', { words: ['pedido'], position: 1 })];
    expect(pickTeam(reordered, { ...input, firstMessage: 'pedido' })).toBe('b');
  });

  it('matches a phrase as written', () => {
    const r = [rule(1, 'tech', { words: ['no funciona'] })];
    expect(pickTeam(r, { ...input, firstMessage: 'La app NO FUNCIONA desde ayer' })).toBe('tech');
    expect(pickTeam(r, { ...input, firstMessage: 'funciona, no?' })).toBeNull();
  });
});
