import { describe, expect, it } from 'vitest';
import { breachesByTeam } from '../../console/breaches.ts';

const target = (dueAt: number) => ({ kind: 'first' as const, since: 0, dueAt, breached: false, warning: false });

describe('overdue conversations per team', () => {
  it('counts conversations past their target per team, the general queue apart, most first', () => {
    const now = 10_000;
    const items = [
      { target: target(5_000), team: { id: 'b', name: 'Facturación' } },
      { target: target(9_999), team: { id: 'b', name: 'Facturación' } },
      { target: target(20_000), team: { id: 'b', name: 'Facturación' } }, // not yet
      { target: target(1_000), team: null },
      { target: null, team: { id: 's', name: 'Soporte' } },
      { target: target(10_000), team: { id: 's', name: 'Soporte' } }, // due exactly now: not breached
    ];
    expect(breachesByTeam(items, now)).toEqual([{ team: 'Facturación', count: 2 }, { team: null, count: 1 }]);
    expect(breachesByTeam([], now)).toEqual([]);
  });
});
