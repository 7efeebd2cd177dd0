// Blocked visitors, by visitor id and by salted IP hash. The active blocks are also kept in memory,
// so the checks on every ticket, start and message read no table.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { agents, blocks, visitors } from '../db/schema.ts';

export interface BlockView {
  id: number;
  visitorId: string | null;
  visitorName: string | null;
  reason: string;
  blockedBy: string;
  createdAt: number;
}

export class Blocklist {
  private readonly visitorIds = new Map<string, number>();
  private readonly ipHashes = new Map<string, number>();

  constructor(private readonly db: Db) {
    for (const b of db.select().from(blocks).where(isNull(blocks.liftedAt)).all()) this.remember(b.id, b.visitorId, b.ipHash);
  }

  /** Whether this visitor, or anyone from this (hashed) address, is blocked. */
  isBlocked(visitorId: string | undefined, ipHash: string | undefined): boolean {
    return (visitorId !== undefined && this.visitorIds.has(visitorId)) || (ipHash !== undefined && this.ipHashes.has(ipHash));
  }

  /** Blocks the visitor and the address they consented from; answers the block's id. */
  block(visitorId: string, reason: string, agentId: string): number {
    const ipHash = this.db.select({ ipHash: visitors.ipHash }).from(visitors).where(eq(visitors.id, visitorId)).get()?.ipHash ?? null;
    const row = this.db.insert(blocks).values({ visitorId, ipHash, reason, agentId }).returning({ id: blocks.id }).get();
    this.remember(row.id, visitorId, ipHash);
    return row.id;
  }

  /** Lifts a block (the row stays, with who lifted it and when); false if there is no such active block. */
  unblock(id: number, agentId: string): boolean {
    const row = this.db.update(blocks).set({ liftedAt: new Date(), liftedBy: agentId })
      .where(and(eq(blocks.id, id), isNull(blocks.liftedAt))).returning().get();
    if (!row) return false;
    for (const map of [this.visitorIds, this.ipHashes]) for (const [k, v] of map) if (v === id) map.delete(k);
    return true;
  }

  active(): BlockView[] {
    return this.db.select({
      id: blocks.id, visitorId: blocks.visitorId, visitorName: visitors.name, reason: blocks.reason,
      blockedBy: agents.name, createdAt: blocks.createdAt,
    }).from(blocks)
      .leftJoin(visitors, eq(visitors.id, blocks.visitorId))
      .leftJoin(agents, eq(agents.id, blocks.agentId))
      .where(isNull(blocks.liftedAt)).orderBy(desc(blocks.id)).all()
      .map((b) => ({ ...b, blockedBy: b.blockedBy ?? '', createdAt: b.createdAt.getTime() }));
  }

  private remember(id: number, visitorId: string | null, ipHash: string | null): void {
    if (visitorId) this.visitorIds.set(visitorId, id);
    if (ipHash) this.ipHashes.set(ipHash, id);
  }
}
