// The automatic limits on a visitor's messages, in memory per conversation so the write path reads
// nothing: too many in a minute are refused; too many links, or the same text again and again, are
// held for an agent to review.
import type { AbuseLimits } from '../config.ts';

const MINUTE = 60_000;
/** Repeated text counts within this window. */
const REPEAT_WINDOW_MS = 10 * MINUTE;
const LINK = /\b(?:https?:\/\/|www\.)[^\s]+/gi;

export type Verdict = { action: 'deliver' } | { action: 'hold'; reason: 'links' | 'repeated' } | { action: 'refuse' };

/**
 * What one conversation's visitor sent lately, oldest first: the times of the last minute, and the texts
 * of the repeat window with a count per text, so that a message costs the same however long the chat is.
 */
interface Recent {
  at: number[];
  bodies: { body: string; at: number }[];
  counts: Map<string, number>;
}

export function countLinks(body: string): number {
  return body.match(LINK)?.length ?? 0;
}

export class SpamCheck {
  private readonly recent = new Map<string, Recent>();

  constructor(private readonly limits: AbuseLimits) {}

  /** What to do with a visitor's message, given what this conversation's visitor sent lately. */
  check(conversationId: string, body: string, now = Date.now()): Verdict {
    const { messagesPerMinute, repeatedMessages, linksPerMessage } = this.limits;
    let r = this.recent.get(conversationId);
    if (!r) this.recent.set(conversationId, (r = { at: [], bodies: [], counts: new Map() }));
    if (messagesPerMinute) {
      while (r.at.length && r.at[0]! <= now - MINUTE) r.at.shift();
      if (r.at.length >= messagesPerMinute) return { action: 'refuse' };
      r.at.push(now);
    }
    let repeats = 0;
    if (repeatedMessages) {
      while (r.bodies.length && r.bodies[0]!.at <= now - REPEAT_WINDOW_MS) {
        const old = r.bodies.shift()!;
        const n = r.counts.get(old.body)! - 1;
        if (n) r.counts.set(old.body, n);
        else r.counts.delete(old.body);
      }
      const text = body.trim().toLowerCase().replace(/\s+/g, ' ');
      repeats = r.counts.get(text) ?? 0;
      r.counts.set(text, repeats + 1);
      r.bodies.push({ body: text, at: now });
    }
    if (linksPerMessage && countLinks(body) > linksPerMessage) return { action: 'hold', reason: 'links' };
    if (repeatedMessages && repeats >= repeatedMessages) return { action: 'hold', reason: 'repeated' };
    return { action: 'deliver' };
  }

  /** Forget conversations nobody wrote in lately (called now and then). */
  prune(now = Date.now()): void {
    for (const [id, r] of this.recent) {
      const last = Math.max(r.at[r.at.length - 1] ?? 0, r.bodies[r.bodies.length - 1]?.at ?? 0);
      if (last <= now - REPEAT_WINDOW_MS) this.recent.delete(id);
    }
  }
}
