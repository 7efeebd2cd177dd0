// Saved replies: canned answers per team (or for everyone), in Spanish and English, with {name}-style fields.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

export const savedReplies = sqliteTable(
  'saved_replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null: every agent may use it; otherwise the members of this team. */
    teamId: text('team_id'),
    title: text('title').notNull(),
    bodyEs: text('body_es').notNull(),
    bodyEn: text('body_en').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('saved_replies_team_idx').on(t.teamId)],
);
