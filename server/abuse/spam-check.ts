// The automatic limits on a visitor's messages, in memory per conversation so the write path reads
// nothing: too many in a minute are refused; too many links, or the same text again and again, are
// held for an agent to review.
import type { AbuseLimits } from '../config.ts';

const MINUTE = 60_000;
/** Repeated text counts within this window. */
const REPEAT_WINDOW_MS = 10 * MINUTE;
const LINK = /\b(?:https?:\/\/|www\.)[^\s]+/gi;

export type Verdict = { action: 'deliver' } | { action: 'hold'; reason: 'links' | 'repeated' } | { action: 'refuse' };

interface Recent { at: number[]; bodies: { body: string; at: number }[] }

export function countLinks(body: string): number {
  return body.match(LINK)?.length ?? 0;
}

export class SpamCheck {
  private readonly recent = new Map<string, Recent>();

  constructor(private readonly limits: AbuseLimits) {}

  /** What to do with a visitor's message, given what this conversation's visitor sent lately. */
  check(conversationId: string, body: string, now = Date.now()): Verdict {
    const r = this.recent.get(conversationId) ?? { at: [], bodies: [] };
    this.recent.set(conversationId, r);
    r.at = r.at.filter((t) => t > now - MINUTE);
    r.bodies = r.bodies.filter((b) => b.at > now - REPEAT_WINDOW_MS);
    if (this.limits.messagesPerMinute && r.at.length >= this.limits.messagesPerMinute) return { action: 'refuse' };
    r.at.push(now);
    const text = body.trim().toLowerCase().replace(/\s+/g, ' ');
    const repeats = r.bodies.filter((b) => b.body === text).length;
    r.bodies.push({ body: text, at: now });
    if (this.limits.linksPerMessage && countLinks(body) > this.limits.linksPerMessage) return { action: 'hold', reason: 'links' };
    if (this.limits.repeatedMessages && repeats >= this.limits.repeatedMessages) return { action: 'hold', reason: 'repeated' };
    return { action: 'deliver' };
  }

  /** Forget conversations nobody wrote in lately (called now and then). */
  prune(now = Date.now()): void {
    for (const [id, r] of this.recent) if (!r.bodies.some((b) => b.at > now - REPEAT_WINDOW_MS)) this.recent.delete(id);
  }
}
