// Routing and auto-assignment. A conversation is routed to a team when the visitor's first message arrives
// (the rules need its words), then given to the least-busy online member of the team still under their
// capacity; if none is, it waits in the team's queue until a member comes online or finishes a conversation.
import type { Db } from '../db/client.ts';
import type { ChatHub } from '../chat/hub.ts';
import type { Locale } from '../../protocol/locales.ts';
import { conversationFor } from '../chat/store.ts';
import { pickTeam } from './rules.ts';
import { candidates, listRules, recordEvent, setAssignment, teamsOf, waitingIn, wasRouted } from './teams-store.ts';

export interface ArticleCategories {
  categoryOf(locale: Locale, slug: string): string | undefined;
}

/** How many routed conversations are remembered in memory before the set starts over (it is only a shortcut). */
const ROUTED_REMEMBERED = 50_000;

export class Assigner {
  /** Conversations known to be routed: a conversation is routed once, and every later message skips the lookup. */
  private readonly routed = new Set<string>();

  constructor(private readonly db: Db, private readonly hub: ChatHub, private readonly kb: ArticleCategories) {}

  /** The visitor wrote: the first time, route the conversation by the rules and try to assign it. */
  visitorWrote(conversationId: string, body: string): void {
    if (this.routed.has(conversationId)) return;
    // Routing and assignment write several rows: one transaction, one commit.
    this.db.$client.transaction(() => this.route(conversationId, body)).immediate();
  }

  private route(conversationId: string, body: string): void {
    if (wasRouted(this.db, conversationId)) return this.remember(conversationId);
    const c = conversationFor(this.db, conversationId);
    if (!c || c.status !== 'open') return;
    // A conversation an agent already transferred or took keeps its place.
    if (c.teamId || c.assigneeId) {
      recordEvent(this.db, { conversationId, kind: 'routed', teamId: c.teamId });
      return this.remember(conversationId);
    }
    const categories = (c.context?.articles ?? []).map((a) => this.kb.categoryOf(c.locale as Locale, a.slug)).filter((x): x is string => !!x);
    const teamId = pickTeam(listRules(this.db), { firstMessage: body, categories, locale: c.locale, channel: c.channel });
    setAssignment(this.db, conversationId, { teamId });
    recordEvent(this.db, { conversationId, kind: 'routed', teamId });
    this.remember(conversationId);
    this.hub.inboxChanged(conversationId);
    if (teamId) this.assignWaiting(teamId);
  }

  private remember(conversationId: string): void {
    if (this.routed.size >= ROUTED_REMEMBERED) this.routed.clear();
    this.routed.add(conversationId);
  }

  /** Gives the team's waiting conversations, oldest first, to its least-busy online members under capacity. */
  assignWaiting(teamId: string): void {
    const waiting = waitingIn(this.db, teamId);
    if (!waiting.length) return;
    const pool = candidates(this.db, teamId).filter((m) => this.hub.agentStatus(m.agentId) === 'online');
    for (const conversationId of waiting) {
      const free = pool.filter((m) => m.teamLoad < m.capacity);
      if (!free.length) return;
      free.sort((a, b) => a.totalLoad - b.totalLoad || a.teamLoad / a.capacity - b.teamLoad / b.capacity || a.agentId.localeCompare(b.agentId));
      const chosen = free[0]!;
      setAssignment(this.db, conversationId, { assigneeId: chosen.agentId });
      recordEvent(this.db, { conversationId, kind: 'auto_assigned', teamId, agentId: chosen.agentId });
      chosen.teamLoad++;
      chosen.totalLoad++;
      this.hub.inboxChanged(conversationId);
    }
  }

  /** An agent came online (or back from away): their teams' queues may move. */
  agentOnline(agentId: string): void {
    for (const teamId of teamsOf(this.db, agentId)) this.assignWaiting(teamId);
  }

  /** A conversation closed or changed hands: its team's queue may move, and so may the teams of whoever had it. */
  freed(teamId: string | null, agentId: string | null): void {
    if (teamId) this.assignWaiting(teamId);
    if (agentId) for (const t of teamsOf(this.db, agentId)) if (t !== teamId) this.assignWaiting(t);
  }
}
