// Single-use, short-lived tickets for opening a visitor socket. Browsers cannot set headers on a
// WebSocket, and a long-lived token in a URL ends up in logs; a ticket is worthless once used.
import { randomBytes } from 'node:crypto';

const TICKET_MS = 30_000;

export class Tickets {
  private readonly issued = new Map<string, { visitorId: string; expires: number }>();

  issue(visitorId: string, now = Date.now()): string {
    for (const [t, v] of this.issued) if (v.expires < now) this.issued.delete(t);
    const ticket = randomBytes(24).toString('base64url');
    this.issued.set(ticket, { visitorId, expires: now + TICKET_MS });
    return ticket;
  }

  /** The visitor the ticket was issued to, once; undefined if unknown, used or expired. */
  redeem(ticket: string | undefined, now = Date.now()): string | undefined {
    if (!ticket) return undefined;
    const found = this.issued.get(ticket);
    this.issued.delete(ticket);
    return found && found.expires >= now ? found.visitorId : undefined;
  }
}
