// Customers: people the company's own backend vouched for with a signed identity token. A customer
// links the visitors (devices, channels) of one person, so their conversations are one history.
import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    /** `sub` of the identity token: the customer's id in the company's own systems. */
    externalId: text('external_id').notNull(),
    /** As the last verified token said; never what a visitor typed. */
    name: text('name'),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customers_external_id_idx').on(t.externalId)],
);
