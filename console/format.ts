// How times, durations and message text are shown. Text stays text: links are split out into Lit
// templates, never parsed as HTML.
import { html, type TemplateResult } from 'lit';
import type { Locale } from '../protocol/locales.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(locale: Locale, value: number, unit: 'minute' | 'hour' | 'day'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** "< 1 min", "12 min", "2 h 5 min", "3 d 4 h": how long someone has waited. */
export function duration(ms: number, locale: Locale): string {
  if (ms < MINUTE) return `< ${unit(locale, 1, 'minute')}`;
  if (ms < HOUR) return unit(locale, Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) {
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    const hours = unit(locale, Math.floor(ms / HOUR), 'hour');
    return minutes ? `${hours} ${unit(locale, minutes, 'minute')}` : hours;
  }
  const hours = Math.floor((ms % DAY) / HOUR);
  const days = unit(locale, Math.floor(ms / DAY), 'day');
  return hours ? `${days} ${unit(locale, hours, 'hour')}` : days;
}

/** 14:05 today; 3 mar, 14:05 on another day. */
export function clockTime(at: number, locale: Locale, now = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** An address a visitor or page supplied, only if it is http(s): anything else is shown as text. */
export function safeHttpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/gi;

/**
 * A message body as text with its http(s) addresses made into links. Every piece goes through a Lit
 * text or attribute binding, so markup in a message is shown literally, never interpreted.
 */
export function messageText(body: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of body.matchAll(LINK)) {
    const href = safeHttpUrl(match[0]);
    if (!href) continue;
    parts.push(body.slice(last, match.index), html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${match[0]}</a>`);
    last = match.index! + match[0].length;
  }
  parts.push(body.slice(last));
  return parts;
}
