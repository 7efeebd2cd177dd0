// The period an insights request asks about: two UTC dates, both included. Missing ends default to
// the last 30 days; a date that does not exist, an end before the start, or more than a year is refused.
import { AtiendeError } from '../errors.ts';

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

export interface Period {
  from: string;
  to: string;
  /** Every day of the period, in order. */
  days: string[];
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at UTC midnight of a 'YYYY-MM-DD' date, or undefined when no such date exists. */
export function parseDay(value: string): number | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March: a date that does not survive the round trip does not exist.
  return new Date(ms).toISOString().slice(0, 10) === value ? ms : undefined;
}

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function resolvePeriod(query: { from?: string; to?: string }, now = Date.now()): Period {
  const bad = (field: string, message: string) => new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, message, field);
  const to = query.to === undefined ? parseDay(dayString(now))! : parseDay(query.to);
  if (to === undefined) throw bad('to', `querystring field "to" must be a date that exists, as YYYY-MM-DD (got "${query.to}")`);
  const from = query.from === undefined ? to - (DEFAULT_DAYS - 1) * DAY_MS : parseDay(query.from);
  if (from === undefined) throw bad('from', `querystring field "from" must be a date that exists, as YYYY-MM-DD (got "${query.from}")`);
  if (from > to) throw bad('from', `the period starts (${dayString(from)}) after it ends (${dayString(to)})`);
  const count = Math.round((to - from) / DAY_MS) + 1;
  if (count > MAX_DAYS) throw bad('from', `the period is ${count} days long; at most ${MAX_DAYS} days can be asked for at once`);
  const days = Array.from({ length: count }, (_, i) => dayString(from + i * DAY_MS));
  return { from: days[0]!, to: days[count - 1]!, days };
}
