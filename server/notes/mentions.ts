// Who a note mentions: "@Ana" or "@Soporte técnico", matched without case or accents against the names of
// agents and teams, as a whole name (followed by a space, punctuation or the end). The longest name wins,
// so "@Ana María" is Ana María, not Ana.
import { fold } from '../kb/analyzer.ts';

export interface Mentionable {
  kind: 'agent' | 'team';
  id: string;
  name: string;
}

export function mentionsIn(body: string, candidates: Mentionable[]): Mentionable[] {
  const text = fold(body);
  const found = new Map<string, Mentionable>();
  const sorted = [...candidates].sort((a, b) => b.name.length - a.name.length);
  const taken: [number, number][] = [];
  for (const c of sorted) {
    const needle = `@${fold(c.name.trim())}`;
    if (needle.length < 2) continue;
    let at = text.indexOf(needle);
    while (at >= 0) {
      const end = at + needle.length;
      const boundary = end === text.length || !/[\p{L}\p{N}]/u.test(text[end]!);
      const overlaps = taken.some(([s, e]) => at < e && end > s);
      if (boundary && !overlaps) {
        taken.push([at, end]);
        found.set(`${c.kind}:${c.id}`, c);
      }
      at = text.indexOf(needle, end);
    }
  }
  return [...found.values()];
}
