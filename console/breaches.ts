// Where response targets are being missed: overdue conversations per team. No Lit here, so unit tests import it.
import type { ConversationSummary } from '../protocol/chat.ts';

/** How many conversations are past their response target, per team (null: the general queue), most first. */
export function breachesByTeam(items: Pick<ConversationSummary, 'target' | 'team'>[], now: number): { team: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const i of items) {
    if (!i.target || now <= i.target.dueAt) continue;
    const team = i.team?.name ?? null;
    counts.set(team, (counts.get(team) ?? 0) + 1);
  }
  return [...counts].map(([team, count]) => ({ team, count })).sort((a, b) => b.count - a.count || (a.team ?? '').localeCompare(b.team ?? ''));
}
