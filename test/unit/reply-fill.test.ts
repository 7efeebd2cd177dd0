import { describe, expect, it } from 'vitest';
import { fillReply } from '../../console/reply-fill.ts';

describe('saved reply fields', () => {
  it('fills name, email and agent', () => {
    expect(fillReply('Hola {name}, soy {agent}. Te escribimos a {email}.', { name: 'Marta', agent: 'Ana', email: 'marta@example.com' }))
      .toBe('Hola Marta, soy Ana. Te escribimos a marta@example.com.');
  });
  it('drops an empty field with the space before it, and keeps unknown fields visible', () => {
    expect(fillReply('Hola {name}, tu pedido {order} está listo.', { name: null })).toBe('Hola, tu pedido {order} está listo.');
    expect(fillReply('{name}', { name: '  ' })).toBe('');
  });
  it('treats values as text: braces in a value are not filled again', () => {
    expect(fillReply('Hi {name}', { name: '{agent}', agent: 'Ana' })).toBe('Hi {agent}');
  });
});
