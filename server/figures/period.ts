// The period of a figures request: whole UTC days, `to` inclusive, at most 366 days, `from` not after `to`.
import { AtiendeError } from '../errors.ts';

const DAY = 86_400_000;
export const MAX_DAYS = 366;

export interface Period {
  from: string;
  to: string;
  /** [startMs, endMs): from's midnight to the midnight after `to`. */
  startMs: number;
  endMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function parse(value: string, field: string): number {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms) || iso(ms) !== value) {
    throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, `${field} must be a date as YYYY-MM-DD`, field);
  }
  return ms;
}

export function periodOf(query: { from?: string; to?: string }, now = Date.now()): Period {
  const toMs = query.to ? parse(query.to, 'to') : Date.parse(`${iso(now)}T00:00:00Z`);
  const fromMs = query.from ? parse(query.from, 'from') : toMs - 29 * DAY;
  if (fromMs > toMs) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, '`from` must not be after `to`', 'from');
  const days = (toMs - fromMs) / DAY + 1;
  if (days > MAX_DAYS) throw new AtiendeError('ATIENDE_ERR_BAD_REQUEST', 400, `A period is at most ${MAX_DAYS} days (asked for ${days})`, 'from');
  return { from: iso(fromMs), to: iso(toMs), startMs: fromMs, endMs: toMs + DAY };
}
