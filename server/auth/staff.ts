// Staff accounts and their server-side sessions. Routes call these; they never build SQL.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agentSessions, agents } from '../db/schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export type Role = 'admin' | 'agent' | 'editor';
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const SESSION_COOKIE = 'atiende_session';
export const SESSION_DAYS = 7;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const publicAgent = (a: typeof agents.$inferSelect): Agent => ({ id: a.id, email: a.email, name: a.name, role: a.role });

export async function createAgent(db: Db, input: { email: string; name: string; role: Role; password: string }): Promise<Agent> {
  const row = {
    id: randomUUID(),
    email: input.email.trim().toLowerCase(),
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  };
  db.insert(agents).values(row).run();
  return publicAgent({ ...row, createdAt: new Date() });
}

export function countAgents(db: Db): number {
  return db.select({ n: count() }).from(agents).get()!.n;
}

/** The agent with this email and password, or undefined; the same time is spent either way. */
export async function authenticate(db: Db, email: string, password: string): Promise<Agent | undefined> {
  const row = db.select().from(agents).where(eq(agents.email, email.trim().toLowerCase())).get();
  // Verifying against a dummy hash keeps unknown emails from answering faster than wrong passwords.
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), password);
  return row && ok ? publicAgent(row) : undefined;
}
let dummyHash: Promise<string> | undefined;

/** Starts a session; returns the token for the cookie. Only its hash is stored. */
export function startSession(db: Db, agentId: string, now = Date.now()): string {
  const token = randomBytes(32).toString('base64url');
  db.insert(agentSessions).values({ id: sha256(token), agentId, expiresAt: new Date(now + SESSION_DAYS * 86_400_000) }).run();
  db.delete(agentSessions).where(lt(agentSessions.expiresAt, new Date(now))).run();
  return token;
}

export function agentForSession(db: Db, token: string | undefined, now = Date.now()): Agent | undefined {
  if (!token) return undefined;
  const row = db
    .select({ agent: agents })
    .from(agentSessions)
    .innerJoin(agents, eq(agents.id, agentSessions.agentId))
    .where(and(eq(agentSessions.id, sha256(token)), gt(agentSessions.expiresAt, new Date(now))))
    .get();
  return row && publicAgent(row.agent);
}

export function endSession(db: Db, token: string): void {
  db.delete(agentSessions).where(eq(agentSessions.id, sha256(token))).run();
}

export function findAgentByEmail(db: Db, email: string): Agent | undefined {
  const row = db.select().from(agents).where(eq(agents.email, email.trim().toLowerCase())).get();
  return row && publicAgent(row);
}
