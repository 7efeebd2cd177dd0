// Auto-answer: when a visitor writes and no agent has answered yet, the knowledge base may answer first.
// If an article matches with the admin's confidence, the system writes an automatic message (the article's
// title, summary and link, and "Did this solve it?"), committed like any other message. "Yes" resolves the
// conversation as self-service (resolution `auto_answer`); "No" hands it to a person, and the system offers
// nothing more in that conversation.
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { AutoAnswerReport, AutoAnswerSettings } from '../../protocol/auto-answer.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { ChatHub } from '../chat/hub.ts';
import { appendMessage, conversationFor, summarize } from '../chat/store.ts';
import type { Db } from '../db/client.ts';
import { autoAnswers, conversations, messages } from '../db/schema.ts';
import { AtiendeError } from '../errors.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { confidenceOf } from './confidence.ts';
import { readSettings, writeSettings } from './settings.ts';

const TEXT: Record<Locale, { intro: string; question: string; handedOver: string }> = {
  es: {
    intro: 'Respuesta automática: este artículo podría resolver tu consulta.',
    question: '¿Te ha resuelto la duda? Si no, una persona del equipo te responderá aquí.',
    handedOver: 'De acuerdo: una persona del equipo te responderá aquí.',
  },
  en: {
    intro: 'Automatic answer: this article might solve your question.',
    question: 'Did this solve it? If not, a person from the team will answer here.',
    handedOver: 'All right: a person from the team will answer here.',
  },
};

export class AutoAnswer {
  private current: AutoAnswerSettings;

  constructor(private readonly db: Db, private readonly hub: ChatHub, private readonly kb: KnowledgeBase, private readonly publicUrl: string) {
    this.current = readSettings(db);
  }

  get settings(): AutoAnswerSettings {
    return this.current;
  }

  update(value: AutoAnswerSettings, by: string): AutoAnswerSettings {
    writeSettings(this.db, value, by);
    this.current = readSettings(this.db);
    return this.current;
  }

  /** The visitor's message is committed: answer it from the knowledge base if confident enough. */
  visitorWrote(conversationId: string, body: string): void {
    if (!this.current.enabled) return;
    const c = conversationFor(this.db, conversationId);
    if (!c || c.status !== 'open') return;
    const agentAnswered = this.db.select({ id: messages.id }).from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.author, 'agent'))).limit(1).get();
    if (agentAnswered) return;
    // One offer at a time; after a "no", a person answers.
    const earlier = this.db.select({ outcome: autoAnswers.outcome }).from(autoAnswers).where(eq(autoAnswers.conversationId, c.id)).all();
    if (earlier.some((o) => o.outcome !== 'accepted')) return;
    const locale = c.locale as Locale;
    const best = confidenceOf(locale, body, this.kb.search(locale, body, 3), (slug) => this.kb.article(locale, slug)?.text ?? '');
    if (!best || best.confidence < this.current.threshold) return;
    const article = this.kb.summary(locale, best.slug);
    if (!article) return;
    const t = TEXT[locale];
    const link = `${this.publicUrl}/help#/article/${locale}/${article.slug.split('/').map(encodeURIComponent).join('/')}`;
    const text = [t.intro, `${article.title}${article.summary ? ` — ${article.summary}` : ''}`, link, t.question].join('\n\n');
    const { message, duplicate } = appendMessage(this.db, { conversationId: c.id, author: 'system', clientId: `auto-${c.lastSeq + 1}`, body: text });
    if (duplicate) return;
    this.db.insert(autoAnswers).values({ conversationId: c.id, seq: message.seq, slug: article.slug, locale, confidence: best.confidence }).run();
    this.hub.toConversation(c.id, { type: 'message', message: { ...message, offer: true } });
    this.hub.inboxChanged(c.id);
  }

  /** The visitor's answer to the offer under message `seq` (the caller checked the conversation is theirs). */
  reply(conversationId: string, seq: number, accepted: boolean): void {
    const offer = this.db.select({ id: autoAnswers.id }).from(autoAnswers)
      .where(and(eq(autoAnswers.conversationId, conversationId), eq(autoAnswers.seq, seq), isNull(autoAnswers.outcome))).get();
    if (!offer) throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No automatic answer waits for a reply there');
    const now = new Date();
    this.db.update(autoAnswers).set({ outcome: accepted ? 'accepted' : 'rejected', answeredAt: now }).where(eq(autoAnswers.id, offer.id)).run();
    const c = conversationFor(this.db, conversationId)!;
    if (accepted) {
      const closed = this.db.update(conversations).set({ status: 'closed', resolution: 'auto_answer', closedAt: now, updatedAt: now })
        .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'open'))).returning().get();
      if (closed) this.hub.conversationChanged(closed.visitorId, { type: 'conversation', conversation: summarize(this.db, closed) });
    } else {
      const { message } = appendMessage(this.db, { conversationId, author: 'system', clientId: `auto-no-${seq}`, body: TEXT[c.locale as Locale].handedOver });
      this.hub.toConversation(conversationId, { type: 'message', message });
    }
    this.hub.inboxChanged(conversationId);
  }

  /** How often automatic answers were offered and accepted over the last `days` days. */
  report(days: number): AutoAnswerReport {
    const since = new Date(Date.now() - days * 86_400_000);
    const rows = this.db.select({
      slug: autoAnswers.slug, locale: autoAnswers.locale,
      offered: sql<number>`count(*)`,
      accepted: sql<number>`sum(${autoAnswers.outcome} = 'accepted')`,
      rejected: sql<number>`sum(${autoAnswers.outcome} = 'rejected')`,
    }).from(autoAnswers).where(gte(autoAnswers.createdAt, since)).groupBy(autoAnswers.slug, autoAnswers.locale).all();
    const sum = (k: 'offered' | 'accepted' | 'rejected') => rows.reduce((n, r) => n + Number(r[k] ?? 0), 0);
    const offered = sum('offered'), accepted = sum('accepted'), rejected = sum('rejected');
    return {
      days, offered, accepted, rejected, unanswered: offered - accepted - rejected,
      acceptance: accepted + rejected ? Math.round((accepted / (accepted + rejected)) * 1000) / 1000 : null,
      articles: rows.map((r) => ({ slug: r.slug, locale: r.locale, offered: Number(r.offered), accepted: Number(r.accepted ?? 0) }))
        .sort((a, b) => b.offered - a.offered).slice(0, 20),
    };
  }
}
