// Drafts of trainees' replies waiting for a lead. A reply needs review when the conversation's team reviews
// trainees and its writer is a trainee of that team.
import { and, eq, sql } from 'drizzle-orm';
import type { ReplyDraft } from '../../protocol/review.ts';
import type { Db } from '../db/client.ts';
import { replyDrafts, teamMembers } from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';

export function needsReview(db: Db, conversationId: string, agentId: string): string | undefined {
  // Every agent message asks this: one prepared statement. A closed conversation holds no draft: the
  // reply goes on to the write, which refuses it.
  const row = prepared(db.$client, `
    SELECT c.team_id FROM conversations c
    JOIN teams t ON t.id = c.team_id AND t.review_trainees = 1
    JOIN team_members m ON m.team_id = t.id AND m.agent_id = ? AND m.role = 'trainee'
    WHERE c.id = ? AND c.status = 'open'`).get(agentId, conversationId) as { team_id: string } | undefined;
  return row?.team_id;
}

/** Holds the reply; the same client id again returns the same draft (a resent frame is not a second draft). */
export function hold(db: Db, input: { conversationId: string; teamId: string; authorId: string; clientId: string; body: string }): ReplyDraft {
  const prior = db.select({ id: replyDrafts.id }).from(replyDrafts)
    .where(and(eq(replyDrafts.conversationId, input.conversationId), eq(replyDrafts.authorId, input.authorId), eq(replyDrafts.clientId, input.clientId))).get();
  const id = prior?.id ?? db.insert(replyDrafts).values(input).returning({ id: replyDrafts.id }).get().id;
  return draftsWhere(db, sql`d.id = ${id}`)[0]!;
}

function draftsWhere(db: Db, where: ReturnType<typeof sql>): ReplyDraft[] {
  return db.all<{ id: number; conversation_id: string; visitor_name: string | null; team_name: string; author_id: string; author_name: string;
    client_id: string; body: string; status: ReplyDraft['status']; reviewer_name: string | null; created_at: number }>(sql`
    SELECT d.id, d.conversation_id, v.name AS visitor_name, coalesce(t.name, '?') AS team_name, d.author_id, a.name AS author_name,
           d.client_id, d.body, d.status, r.name AS reviewer_name, d.created_at
    FROM reply_drafts d
    JOIN conversations c ON c.id = d.conversation_id JOIN visitors v ON v.id = c.visitor_id
    JOIN agents a ON a.id = d.author_id LEFT JOIN agents r ON r.id = d.reviewer_id LEFT JOIN teams t ON t.id = d.team_id
    WHERE ${where} ORDER BY d.id`).map((r) => ({
    id: r.id, conversationId: r.conversation_id, visitorName: r.visitor_name, teamName: r.team_name, authorId: r.author_id, authorName: r.author_name,
    clientId: r.client_id, body: r.body, status: r.status, reviewerName: r.reviewer_name, createdAt: Math.trunc(r.created_at),
  }));
}

export const draftById = (db: Db, id: number) => draftsWhere(db, sql`d.id = ${id}`)[0];
export const teamOfDraft = (db: Db, id: number) => db.select({ teamId: replyDrafts.teamId }).from(replyDrafts).where(eq(replyDrafts.id, id)).get()?.teamId;

/** Pending drafts a reviewer may act on: every team's for an admin, their teams' for a lead. */
export function pendingFor(db: Db, agentId: string, admin: boolean): ReplyDraft[] {
  if (admin) return draftsWhere(db, sql`d.status = 'pending'`);
  const led = ledTeams(db, agentId);
  if (!led.length) return [];
  return draftsWhere(db, sql`d.status = 'pending' AND d.team_id IN (SELECT value FROM json_each(${JSON.stringify(led)}))`);
}

export function ledTeams(db: Db, agentId: string): string[] {
  return db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(and(eq(teamMembers.agentId, agentId), eq(teamMembers.role, 'lead'))).all().map((r) => r.teamId);
}

export function settle(db: Db, id: number, status: 'approved' | 'rejected', reviewerId: string, body?: string, sentSeq?: number): void {
  db.update(replyDrafts).set({ status, reviewerId, reviewedAt: new Date(), ...(body ? { body } : {}), ...(sentSeq ? { sentSeq } : {}) })
    .where(eq(replyDrafts.id, id)).run();
}
