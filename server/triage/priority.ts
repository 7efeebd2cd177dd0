// The priority the console's inbox sorts by, and the response target of what the visitor waits for.
// A pure function of what is stored and of `now`, so tests run it on a controlled clock.
import type { Priority, PriorityReason, Target } from '../../protocol/chat.ts';
import type { ResponseTargets } from '../config.ts';
import { ANGRY_BELOW } from './mood.ts';

export interface TriageInput {
  status: 'open' | 'closed' | 'withdrawn';
  channel: string;
  /** The oldest visitor message without an agent reply after it; null when none waits. */
  waitingSince: number | null;
  /** Whether that message came while no agent was online (the offline target applies). */
  waitingOffline: boolean;
  /** Whether an agent has replied in this conversation before (next response) or not (first response). */
  answeredBefore: boolean;
  /** The lowest mood of the visitor's recent messages; null when none is scored yet. */
  mood: number | null;
  vip: boolean;
}

const MINUTE = 60_000;
/** Points: waiting scales with the share of the target used (capped at 3 targets), the rest are flat. */
const WAIT_POINTS_PER_TARGET = 40;
const MAX_TARGETS_COUNTED = 3;
const ANGRY_POINTS = 30;
const ANGRY_POINTS_PER_UNIT = 10;
const MAX_ANGRY_POINTS = 50;
const VIP_POINTS = 30;
const PUBLIC_POINTS = 15;
/** The warning shows in the last fifth of the target. */
const WARNING_SHARE = 0.8;
/** Channels where what is written is seen by others. */
const PUBLIC_CHANNELS = new Set(['facebook']);

export function targetOf(input: TriageInput, targets: ResponseTargets, now: number): Target | null {
  if (input.status !== 'open' || input.waitingSince === null) return null;
  const kind = input.answeredBefore ? 'next' : 'first';
  const minutes = input.waitingOffline
    ? (kind === 'first' ? targets.firstOfflineMinutes : targets.nextOfflineMinutes)
    : (kind === 'first' ? targets.firstChatMinutes : targets.nextChatMinutes);
  const length = minutes * MINUTE;
  const dueAt = input.waitingSince + length;
  const breached = now > dueAt;
  return { kind, since: input.waitingSince, dueAt, breached, warning: !breached && now >= input.waitingSince + length * WARNING_SHARE };
}

export function priorityOf(input: TriageInput, targets: ResponseTargets, now: number): { priority: Priority; target: Target | null } {
  const reasons: PriorityReason[] = [];
  let score = 0;
  const target = targetOf(input, targets, now);
  if (input.mood !== null && input.mood <= ANGRY_BELOW) {
    score += Math.min(MAX_ANGRY_POINTS, ANGRY_POINTS + -input.mood * ANGRY_POINTS_PER_UNIT);
    reasons.push({ code: 'angry', mood: input.mood });
  }
  if (target) {
    const waited = Math.max(0, now - target.since);
    score += Math.min(MAX_TARGETS_COUNTED, waited / (target.dueAt - target.since)) * WAIT_POINTS_PER_TARGET;
    reasons.push({ code: 'waiting', minutes: Math.floor(waited / MINUTE) });
  }
  if (input.vip) {
    score += VIP_POINTS;
    reasons.push({ code: 'vip' });
  }
  if (PUBLIC_CHANNELS.has(input.channel)) {
    score += PUBLIC_POINTS;
    reasons.push({ code: 'public_channel', channel: input.channel });
  }
  // Closed conversations, and those nobody waits on, sink below every waiting one.
  if (!target) score -= 100;
  return { priority: { score: Math.round(score * 10) / 10, reasons }, target };
}
