// The first admin: from ATIENDE_ADMIN_EMAIL and ATIENDE_ADMIN_PASSWORD, or with a one-time password
// printed once at the first start, so a fresh install is never left open or locked.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { countAgents, createAgent } from './staff.ts';

export async function ensureFirstAdmin(
  db: Db,
  env: { email?: string; password?: string },
  print: (line: string) => void,
): Promise<void> {
  if (countAgents(db) > 0) return;
  const email = env.email || 'admin@localhost';
  const password = env.password || randomBytes(12).toString('base64url');
  await createAgent(db, { email, name: 'Admin', role: 'admin', password });
  if (!env.password) print(`First admin created: sign in at /console as ${email} with the one-time password ${password} and change it.`);
}
