// Notes and mentions in the database.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Note, OpenMention } from '../../protocol/notes.ts';
import type { Db } from '../db/client.ts';
import { agents, noteMentions, notes, teamMembers, teams } from '../db/schema.ts';
import { mentionsIn, type Mentionable } from './mentions.ts';
import { prepared } from '../db/prepared.ts';

function mentionable(db: Db): Mentionable[] {
  return [
    ...db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.role, ['admin', 'agent'])).all().map((a) => ({ kind: 'agent' as const, ...a })),
    ...db.select({ id: teams.id, name: teams.name }).from(teams).all().map((t) => ({ kind: 'team' as const, ...t })),
  ];
}

export const teamsOfAgent = (db: Db, agentId: string) =>
  db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.agentId, agentId)).all().map((r) => r.id);

/** Adds a note and its mentions; writing it also answers the mentions of the writer (and their teams) there. */
export function addNote(db: Db, conversationId: string, agentId: string, body: string): { note: Note; mentioned: Mentionable[] } {
  return db.transaction((tx) => {
    respond(db, conversationId, agentId);
    const row = tx.insert(notes).values({ conversationId, agentId, body }).returning().get();
    const mentioned = mentionsIn(body, mentionable(tx as unknown as Db)).filter((m) => !(m.kind === 'agent' && m.id === agentId));
    for (const m of mentioned) {
      tx.insert(noteMentions).values({
        noteId: row.id, conversationId, byAgentId: agentId, ...(m.kind === 'agent' ? { agentId: m.id } : { teamId: m.id }),
      }).run();
    }
    return { note: notesOf(tx as unknown as Db, conversationId).find((n) => n.id === row.id)!, mentioned };
  });
}

export function notesOf(db: Db, conversationId: string): Note[] {
  const rows = db.select({ id: notes.id, conversationId: notes.conversationId, agentId: notes.agentId, agentName: agents.name, body: notes.body, createdAt: notes.createdAt })
    .from(notes).innerJoin(agents, eq(agents.id, notes.agentId)).where(eq(notes.conversationId, conversationId)).orderBy(asc(notes.id)).all();
  const mentions = db.all<{ note_id: number; agent_id: string | null; team_id: string | null; name: string; responded_at: number | null }>(sql`
    SELECT m.note_id, m.agent_id, m.team_id, coalesce(a.name, t.name, '?') AS name, m.responded_at
    FROM note_mentions m LEFT JOIN agents a ON a.id = m.agent_id LEFT JOIN teams t ON t.id = m.team_id
    WHERE m.conversation_id = ${conversationId} ORDER BY m.id`);
  return rows.map((r) => ({
    ...r, createdAt: r.createdAt.getTime(),
    mentions: mentions.filter((m) => m.note_id === r.id).map((m) => ({
      kind: m.agent_id ? 'agent' as const : 'team' as const, id: (m.agent_id ?? m.team_id)!, name: m.name, respondedAt: m.responded_at === null ? null : Math.trunc(m.responded_at),
    })),
  }));
}

/** The agent answered in the conversation (a reply or a note): their mentions there, and their teams', are answered. */
export function respond(db: Db, conversationId: string, agentId: string): number {
  // Every agent message asks this: prepared statements, and a read first, so that the usual answer (no
  // open mention here) costs no write transaction of its own.
  const open = prepared(db.$client, 'SELECT 1 FROM note_mentions WHERE conversation_id = ? AND responded_at IS NULL LIMIT 1').get(conversationId);
  if (!open) return 0;
  return prepared(db.$client, `
    UPDATE note_mentions SET responded_at = ?, responded_by = ?
    WHERE conversation_id = ? AND responded_at IS NULL
      AND (agent_id = ? OR team_id IN (SELECT team_id FROM team_members WHERE agent_id = ?))`)
    .run(Date.now(), agentId, conversationId, agentId, agentId).changes;
}

export function openMentions(db: Db, agentId: string): { forMe: OpenMention[]; byMe: OpenMention[] } {
  const myTeams = JSON.stringify(teamsOfAgent(db, agentId));
  const rows = db.all<{ id: number; conversation_id: string; visitor_name: string | null; by_name: string; to_name: string; excerpt: string; created_at: number; by_agent_id: string; for_me: number }>(sql`
    SELECT m.id, m.conversation_id, v.name AS visitor_name, b.name AS by_name, coalesce(a.name, t.name, '?') AS to_name,
           substr(n.body, 1, 160) AS excerpt, m.created_at, m.by_agent_id,
           (m.agent_id = ${agentId} OR m.team_id IN (SELECT value FROM json_each(${myTeams}))) AS for_me
    FROM note_mentions m
    JOIN notes n ON n.id = m.note_id
    JOIN conversations c ON c.id = m.conversation_id
    JOIN visitors v ON v.id = c.visitor_id
    JOIN agents b ON b.id = m.by_agent_id
    LEFT JOIN agents a ON a.id = m.agent_id LEFT JOIN teams t ON t.id = m.team_id
    WHERE m.responded_at IS NULL AND c.status = 'open'
      AND (m.agent_id = ${agentId} OR m.team_id IN (SELECT value FROM json_each(${myTeams})) OR m.by_agent_id = ${agentId})
    ORDER BY m.created_at`);
  const toMention = (r: (typeof rows)[number]): OpenMention => ({
    id: r.id, conversationId: r.conversation_id, visitorName: r.visitor_name, byName: r.by_name, toName: r.to_name, excerpt: r.excerpt, createdAt: Math.trunc(r.created_at),
  });
  return { forMe: rows.filter((r) => r.for_me === 1).map(toMention), byMe: rows.filter((r) => r.by_agent_id === agentId).map(toMention) };
}

/** Agents who should hear of a change of these mentions: the mentioned (members of mentioned teams) and the asker. */
export function concernedAgents(db: Db, mentioned: Mentionable[], asker: string): string[] {
  const ids = new Set<string>([asker]);
  for (const m of mentioned) {
    if (m.kind === 'agent') ids.add(m.id);
    else for (const r of db.select({ a: teamMembers.agentId }).from(teamMembers).where(eq(teamMembers.teamId, m.id)).all()) ids.add(r.a);
  }
  return [...ids];
}
