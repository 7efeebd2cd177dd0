// "You have a reply": when an agent writes and the visitor is away, and they gave an email with
// consent to be told, one short email with the link back to the conversation. The answer itself stays
// in the channel; the email only points to it. Replies are gathered for a moment (an agent often sends
// several lines), and a conversation gets at most one email per ATIENDE_NOTIFY_INTERVAL_MINUTES.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatHub } from '../chat/hub.ts';
import type { Db } from '../db/client.ts';
import { consentRecords, conversations, visitors } from '../db/schema.ts';
import { customerVisitorIds } from '../identity/customers.ts';
import { conversationLink } from './conversation-link.ts';
import type { Mail, Mailer } from './mailer.ts';

export interface ReplyNotifierOptions {
  db: Db;
  hub: ChatHub;
  mailer: Mailer | undefined;
  publicUrl: string;
  intervalMinutes: number;
  /** How long to wait after a reply before deciding the visitor is away. */
  delayMs: number;
  log: FastifyBaseLogger;
}

export class ReplyNotifier {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly options: ReplyNotifierOptions) {}

  /** An agent's message was committed in this conversation. */
  agentReplied(conversationId: string): void {
    if (!this.options.mailer || this.pending.has(conversationId)) return;
    this.pending.set(conversationId, setTimeout(() => {
      this.pending.delete(conversationId);
      const sent = this.notify(conversationId).catch((err) => this.options.log.error({ err, conversationId }, 'reply notification failed'));
      this.sending.add(sent);
      void sent.finally(() => this.sending.delete(sent));
    }, this.options.delayMs));
  }

  /** Stops waiting timers and lets emails already on their way finish. */
  async stop(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await Promise.allSettled([...this.sending]);
    this.options.mailer?.close();
  }

  private async notify(conversationId: string): Promise<void> {
    const { db, hub, mailer, publicUrl, intervalMinutes } = this.options;
    const c = db.select().from(conversations).where(eq(conversations.id, conversationId)).get();
    if (!c || c.status === 'withdrawn' || !mailer) return;
    const owner = db.select().from(visitors).where(eq(visitors.id, c.visitorId)).get();
    if (!owner || owner.revokedAt) return;
    const devices = owner.customerId ? customerVisitorIds(db, owner.customerId) : [owner.id];
    if (devices.some((id) => hub.visitorConnected(id))) return; // they are there: the chat shows it
    const to = this.consentedEmail(devices);
    if (!to) return;
    // Claimed in one statement, so two servers or two timers never both send.
    const now = new Date();
    const claimed = db.update(conversations).set({ notifiedAt: now })
      .where(and(eq(conversations.id, c.id), or(isNull(conversations.notifiedAt), lt(conversations.notifiedAt, new Date(now.getTime() - intervalMinutes * 60_000)))))
      .returning({ id: conversations.id }).get();
    if (!claimed) return;
    await mailer.send(replyMail(to, conversationLink(publicUrl, c.id, c.locale), c.locale === 'es' ? 'es' : 'en'));
  }

  /** The email of the device whose latest consent record grants chat with email notifications. */
  private consentedEmail(visitorIds: string[]): string | undefined {
    const { db } = this.options;
    for (const id of visitorIds) {
      const last = db.select().from(consentRecords).where(eq(consentRecords.visitorId, id)).orderBy(desc(consentRecords.id)).limit(1).get();
      if (last?.action !== 'granted' || !last.notifyByEmail) continue;
      const v = db.select({ email: visitors.email }).from(visitors).where(and(eq(visitors.id, id), isNull(visitors.revokedAt))).get();
      if (v?.email) return v.email;
    }
    return undefined;
  }
}

export function replyMail(to: string, link: string, locale: 'es' | 'en'): Mail {
  const t = locale === 'es'
    ? { subject: 'Tienes una respuesta de nuestro equipo', intro: 'Te hemos respondido en tu conversación con nuestro equipo de atención.', action: 'Ver la respuesta', why: 'Recibes este correo porque pediste que te avisáramos cuando te respondiéramos.' }
    : { subject: 'You have a reply from our team', intro: 'We have replied in your conversation with our support team.', action: 'See the reply', why: 'You get this email because you asked to be told when we reply.' };
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => entities[ch]!);
  return {
    to,
    subject: t.subject,
    text: `${t.intro}\n\n${t.action}: ${link}\n\n${t.why}\n`,
    html: `<p>${escape(t.intro)}</p><p><a href="${escape(link)}">${escape(t.action)}</a></p><p style="color:#4a5568">${escape(t.why)}</p>`,
  };
}
