// Automatic answers: an article the system offered as the answer to a visitor's message, and what the visitor said.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { conversations } from './chat.js';

export const autoAnswers = sqliteTable(
  'auto_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    /** The message it answered (conversation sequence number). */
    seq: integer('seq').notNull(),
    slug: text('slug').notNull(),
    locale: text('locale').notNull(),
    /** The confidence the search gave (0 to 1), compared with the admin's threshold. */
    confidence: real('confidence').notNull(),
    /** Null while the visitor has not said; `accepted`: "yes, it solved it"; `rejected`: "no, a person please". */
    outcome: text('outcome', { enum: ['accepted', 'rejected'] }),
    createdAt: createdAt(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('auto_answers_conversation_idx').on(t.conversationId), index('auto_answers_created_idx').on(t.createdAt)],
);
