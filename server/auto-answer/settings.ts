// The auto-answer settings, kept in the settings table (key `auto_answer`). Off until an admin turns it on.
import { eq } from 'drizzle-orm';
import type { AutoAnswerSettings } from '../../protocol/auto-answer.ts';
import type { Db } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import { DEFAULT_THRESHOLD } from './confidence.ts';

const KEY = 'auto_answer';
export const DEFAULT_SETTINGS: AutoAnswerSettings = { enabled: false, threshold: DEFAULT_THRESHOLD };

export function readSettings(db: Db): AutoAnswerSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  return { ...DEFAULT_SETTINGS, ...(row?.value as Partial<AutoAnswerSettings> | undefined) };
}

export function writeSettings(db: Db, value: AutoAnswerSettings, by: string): void {
  db.insert(settings).values({ key: KEY, value, updatedAt: new Date(), updatedBy: by })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date(), updatedBy: by } }).run();
}
