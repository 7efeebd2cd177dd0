// Customers and the visitors linked to them. A visitor becomes part of a customer only through a
// verified identity token; what a visitor typed (a name, an email) never links anything.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Locale } from '../../protocol/locales.ts';
import type { Db } from '../db/client.ts';
import { consentRecords, conversations, customers, visitors } from '../db/schema.ts';
import { sha256 } from '../chat/store.ts';
import type { VerifiedIdentity } from './identity-token.ts';

export type CustomerRow = typeof customers.$inferSelect;

/** The customer with this external id, created or refreshed with the token's name and email. */
export function upsertCustomer(db: Db, identity: VerifiedIdentity): CustomerRow {
  const values = { name: identity.name ?? null, email: identity.email ?? null };
  return db.insert(customers).values({ id: randomUUID(), externalId: identity.externalId, ...values })
    .onConflictDoUpdate({ target: customers.externalId, set: values }).returning().get();
}

/** Links the visitor to the customer; false if it is linked to another customer already. */
export function linkVisitor(db: Db, visitorId: string, customerId: string): boolean {
  const row = db.select({ customerId: visitors.customerId }).from(visitors).where(eq(visitors.id, visitorId)).get();
  if (!row) return false;
  if (row.customerId) return row.customerId === customerId;
  db.update(visitors).set({ customerId }).where(and(eq(visitors.id, visitorId), isNull(visitors.customerId))).run();
  return true;
}

/** Whether the customer has consented to chat on some device and not withdrawn it. */
export function customerHasConsent(db: Db, customerId: string): boolean {
  const row = db.select({ id: visitors.id }).from(visitors)
    .innerJoin(consentRecords, eq(consentRecords.visitorId, visitors.id))
    .where(and(eq(visitors.customerId, customerId), isNull(visitors.revokedAt), eq(consentRecords.action, 'granted')))
    .limit(1).get();
  return row !== undefined;
}

/**
 * A visitor for a verified customer on a device with no visitor token yet. Its consent is the
 * customer's, recorded where they gave it; withdrawing on any device withdraws on all of them.
 */
export function deviceVisitor(db: Db, customer: CustomerRow, locale: Locale): { visitorId: string; visitorToken: string } {
  const visitorId = randomUUID();
  const visitorToken = randomBytes(32).toString('base64url');
  db.insert(visitors).values({
    id: visitorId, tokenHash: sha256(visitorToken), name: customer.name, email: customer.email, locale, customerId: customer.id,
  }).run();
  return { visitorId, visitorToken };
}

/** Every conversation of the customer, whichever device or channel it started on, newest first. */
export function customerConversations(db: Db, customerId: string) {
  return db.select({ conversation: conversations }).from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(eq(visitors.customerId, customerId))
    .orderBy(desc(conversations.updatedAt)).all().map((r) => r.conversation);
}

export function customerOfVisitor(db: Db, visitorId: string): string | null {
  return db.select({ customerId: visitors.customerId }).from(visitors).where(eq(visitors.id, visitorId)).get()?.customerId ?? null;
}

/** Whether this visitor may read and write in the conversation: theirs, or their verified customer's. */
export function visitorMaySee(db: Db, visitorId: string, conversationVisitorId: string): boolean {
  if (visitorId === conversationVisitorId) return true;
  const mine = customerOfVisitor(db, visitorId);
  return mine !== null && mine === customerOfVisitor(db, conversationVisitorId);
}

export function customerVisitorIds(db: Db, customerId: string): string[] {
  return db.select({ id: visitors.id }).from(visitors).where(eq(visitors.customerId, customerId)).all().map((r) => r.id);
}

export function customerByExternalId(db: Db, externalId: string): CustomerRow | undefined {
  return db.select().from(customers).where(eq(customers.externalId, externalId)).get();
}
