import { describe, expect, it } from 'vitest';
import { mentionsIn, type Mentionable } from '../../server/notes/mentions.ts';

const people: Mentionable[] = [
  { kind: 'agent', id: 'ana', name: 'Ana' },
  { kind: 'agent', id: 'anamaria', name: 'Ana María' },
  { kind: 'agent', id: 'bruno', name: 'Bruno' },
  { kind: 'team', id: 'billing', name: 'Facturación' },
  { kind: 'team', id: 'tech', name: 'Soporte técnico' },
];
const ids = (body: string) => mentionsIn(body, people).map((m) => m.id).sort();

describe('mentions in a note', () => {
  it('finds agents and teams without case or accents, multi-word names included', () => {
    expect(ids('@facturacion esto es vuestro, y @BRUNO mira el pedido')).toEqual(['billing', 'bruno']);
    expect(ids('¿@Soporte Técnico podéis revisarlo?')).toEqual(['tech']);
  });

  it('takes the longest name, needs a whole name, and ignores e-mail addresses and plain words', () => {
    expect(ids('@Ana María, ¿lo ves?')).toEqual(['anamaria']);
    expect(ids('@Ana, ¿lo ves?')).toEqual(['ana']);
    expect(ids('@Anabel no existe; escribe a ana@example.com; Bruno sin arroba')).toEqual([]);
  });
});
