// Blocks: visitors an agent showed the door, by visitor id and by a salted hash of their IP address.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { visitors } from './chat.js';

export const blocks = sqliteTable(
  'blocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitorId: text('visitor_id').references(() => visitors.id),
    /** The visitor's salted IP hash when blocked (visitors.ip_hash), so a new visitor from there is refused too. */
    ipHash: text('ip_hash'),
    reason: text('reason').notNull(),
    /** The agent or admin who blocked. */
    agentId: text('agent_id').notNull(),
    createdAt: createdAt(),
    /** Set when unblocked; the row is kept as a record. */
    liftedAt: integer('lifted_at', { mode: 'timestamp_ms' }),
    liftedBy: text('lifted_by'),
  },
  (t) => [index('blocks_visitor_idx').on(t.visitorId), index('blocks_ip_idx').on(t.ipHash)],
);
