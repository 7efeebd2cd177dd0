// Teams, memberships and routing rules in the database, and the assignment of conversations to them.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { AssignmentEvent, RoutingRule, Team } from '../../protocol/routing.ts';
import type { Db } from '../db/client.ts';
import { agents, assignmentEvents, conversations, routingRules, teamMembers, teams } from '../db/schema.ts';
import { AtiendeError } from '../errors.ts';
import { prepared } from '../db/prepared.ts';

export type EventKind = AssignmentEvent['kind'];

const isUnique = (err: unknown) => err instanceof Error && /UNIQUE/.test(err.message);

export function listTeams(db: Db, online: (agentId: string) => boolean): Team[] {
  const rows = db.select().from(teams).orderBy(asc(teams.name)).all();
  const members = db.select({
    teamId: teamMembers.teamId, agentId: teamMembers.agentId, role: teamMembers.role, capacity: teamMembers.capacity, name: agents.name,
  }).from(teamMembers).innerJoin(agents, eq(agents.id, teamMembers.agentId)).orderBy(asc(agents.name)).all();
  const loads = db.select({ teamId: conversations.teamId, assigneeId: conversations.assigneeId, n: sql<number>`count(*)` })
    .from(conversations).where(eq(conversations.status, 'open')).groupBy(conversations.teamId, conversations.assigneeId).all();
  const load = (teamId: string, agentId: string | null) => loads.find((l) => l.teamId === teamId && l.assigneeId === agentId)?.n ?? 0;
  return rows.map((t) => ({
    id: t.id, name: t.name, reviewTrainees: t.reviewTrainees,
    members: members.filter((m) => m.teamId === t.id).map((m) => ({
      agentId: m.agentId, name: m.name, role: m.role, capacity: m.capacity, load: load(t.id, m.agentId), online: online(m.agentId),
    })),
    waiting: load(t.id, null),
  }));
}

export function teamExists(db: Db, id: string): boolean {
  return !!db.select({ id: teams.id }).from(teams).where(eq(teams.id, id)).get();
}

export function createTeam(db: Db, name: string, reviewTrainees = false): string {
  const id = randomUUID();
  try {
    db.insert(teams).values({ id, name: name.trim(), reviewTrainees }).run();
  } catch (err) {
    if (isUnique(err)) throw new AtiendeError('ATIENDE_ERR_CONFLICT', 409, `A team named "${name.trim()}" already exists`, 'name');
    throw err;
  }
  return id;
}

export function updateTeam(db: Db, id: string, name: string, reviewTrainees?: boolean): void {
  try {
    const r = db.update(teams).set({ name: name.trim(), ...(reviewTrainees === undefined ? {} : { reviewTrainees }) }).where(eq(teams.id, id)).run();
    if (!r.changes) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such team');
  } catch (err) {
    if (isUnique(err)) throw new AtiendeError('ATIENDE_ERR_CONFLICT', 409, `A team named "${name.trim()}" already exists`, 'name');
    throw err;
  }
}

/** Deletes a team; its conversations go back to the general queue (with whoever has them). */
export function deleteTeam(db: Db, id: string): string[] {
  return db.transaction((tx) => {
    const moved = tx.update(conversations).set({ teamId: null }).where(eq(conversations.teamId, id)).returning({ id: conversations.id }).all();
    tx.delete(routingRules).where(eq(routingRules.teamId, id)).run();
    tx.delete(teamMembers).where(eq(teamMembers.teamId, id)).run();
    const r = tx.delete(teams).where(eq(teams.id, id)).run();
    if (!r.changes) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such team');
    return moved.map((m) => m.id);
  });
}

export function setMember(db: Db, teamId: string, agentId: string, role: 'lead' | 'member' | 'trainee' = 'member', capacity = 5): void {
  if (!teamExists(db, teamId)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such team');
  const agent = db.select({ role: agents.role }).from(agents).where(eq(agents.id, agentId)).get();
  if (!agent) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such agent', 'agentId');
  if (agent.role === 'editor') throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'Editors do not answer conversations: only agents and admins join teams', 'agentId');
  db.insert(teamMembers).values({ teamId, agentId, role, capacity })
    .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.agentId], set: { role, capacity } }).run();
}

export function removeMember(db: Db, teamId: string, agentId: string): void {
  const r = db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.agentId, agentId))).run();
  if (!r.changes) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'That agent is not in this team');
}

export function isMember(db: Db, teamId: string, agentId: string): boolean {
  return !!db.select({ a: teamMembers.agentId }).from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.agentId, agentId))).get();
}

export function teamsOf(db: Db, agentId: string): string[] {
  return db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.agentId, agentId)).all().map((r) => r.id);
}

export function listRules(db: Db): RoutingRule[] {
  return db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id)).all().map((r) => ({
    id: r.id, teamId: r.teamId, position: r.position, categories: r.categories, words: r.words,
    locale: (r.locale as RoutingRule['locale']) ?? null, channel: r.channel ?? null,
  }));
}

export function addRule(db: Db, rule: Omit<RoutingRule, 'id' | 'position'>): number {
  if (!teamExists(db, rule.teamId)) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such team', 'teamId');
  if (!rule.categories.length && !rule.words.length && !rule.locale && !rule.channel) {
    throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, 'A rule needs at least one condition: categories, words, locale or channel');
  }
  const clean = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
  const last = db.select({ p: max(routingRules.position) }).from(routingRules).get()?.p ?? 0;
  return db.insert(routingRules).values({
    teamId: rule.teamId, position: last + 1, categories: clean(rule.categories), words: clean(rule.words), locale: rule.locale, channel: rule.channel,
  }).returning({ id: routingRules.id }).get().id;
}

export function deleteRule(db: Db, id: number): void {
  if (!db.delete(routingRules).where(eq(routingRules.id, id)).run().changes) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such rule');
}

/** Moves a rule one place up or down (swaps positions with its neighbour). */
export function moveRule(db: Db, id: number, direction: 'up' | 'down'): void {
  const rules = listRules(db);
  const i = rules.findIndex((r) => r.id === id);
  if (i < 0) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such rule');
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= rules.length) return;
  db.transaction((tx) => {
    tx.update(routingRules).set({ position: rules[j]!.position }).where(eq(routingRules.id, rules[i]!.id)).run();
    tx.update(routingRules).set({ position: rules[i]!.position }).where(eq(routingRules.id, rules[j]!.id)).run();
  });
}

export function recordEvent(db: Db, e: { conversationId: string; kind: EventKind; teamId?: string | null; agentId?: string | null; byAgentId?: string | null; note?: string | null }): void {
  db.insert(assignmentEvents).values({
    conversationId: e.conversationId, kind: e.kind, teamId: e.teamId ?? null, agentId: e.agentId ?? null, byAgentId: e.byAgentId ?? null, note: e.note ?? null,
  }).run();
}

export function wasRouted(db: Db, conversationId: string): boolean {
  // Every visitor message asks this: one prepared statement.
  return !!prepared(db.$client, `SELECT 1 FROM assignment_events WHERE conversation_id = ? AND kind = 'routed' LIMIT 1`).get(conversationId);
}

export function assignmentEventsOf(db: Db, conversationId: string): AssignmentEvent[] {
  return db.all<{ kind: EventKind; team_name: string | null; agent_name: string | null; by_name: string | null; note: string | null; created_at: number }>(sql`
    SELECT e.kind, t.name AS team_name, a.name AS agent_name, b.name AS by_name, e.note, e.created_at
    FROM assignment_events e LEFT JOIN teams t ON t.id = e.team_id LEFT JOIN agents a ON a.id = e.agent_id LEFT JOIN agents b ON b.id = e.by_agent_id
    WHERE e.conversation_id = ${conversationId} ORDER BY e.id`).map((r) => ({
    kind: r.kind, teamName: r.team_name, agentName: r.agent_name, byName: r.by_name, note: r.note, createdAt: Math.trunc(r.created_at),
  }));
}

/** Open conversations of a team that nobody has, oldest first. */
export function waitingIn(db: Db, teamId: string): string[] {
  return db.select({ id: conversations.id }).from(conversations)
    .where(and(eq(conversations.teamId, teamId), eq(conversations.status, 'open'), isNull(conversations.assigneeId)))
    .orderBy(asc(conversations.createdAt)).all().map((r) => r.id);
}

/** The members of a team with their role and capacity, and how many open conversations each has (in any team). */
export function candidates(db: Db, teamId: string): { agentId: string; capacity: number; teamLoad: number; totalLoad: number }[] {
  return db.all<{ agent_id: string; capacity: number; team_load: number; total_load: number }>(sql`
    SELECT m.agent_id, m.capacity,
      (SELECT count(*) FROM conversations c WHERE c.assignee_id = m.agent_id AND c.status = 'open' AND c.team_id = m.team_id) AS team_load,
      (SELECT count(*) FROM conversations c WHERE c.assignee_id = m.agent_id AND c.status = 'open') AS total_load
    FROM team_members m WHERE m.team_id = ${teamId}`).map((r) => ({ agentId: r.agent_id, capacity: r.capacity, teamLoad: r.team_load, totalLoad: r.total_load }));
}

export function setAssignment(db: Db, conversationId: string, set: { teamId?: string | null; assigneeId?: string | null }): void {
  db.update(conversations).set({
    ...(set.teamId !== undefined ? { teamId: set.teamId } : {}),
    ...(set.assigneeId !== undefined ? { assigneeId: set.assigneeId, assignedAt: set.assigneeId ? new Date() : null } : {}),
  }).where(eq(conversations.id, conversationId)).run();
}

export function agentExists(db: Db, agentId: string): { role: string; name: string } | undefined {
  return db.select({ role: agents.role, name: agents.name }).from(agents).where(eq(agents.id, agentId)).get();
}

