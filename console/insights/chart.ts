// Bar charts as inline SVG that read without hovering: every bar has its value written above it and
// its date below it. A long period is grouped into weeks or months so that there are never more than
// about fourteen bars, each wide enough for its numbers. Only SVG presentation attributes are used (no
// style attributes), so the console's strict Content-Security-Policy holds.
import { svg, type SVGTemplateResult } from 'lit';
import type { DailyRow } from '../../protocol/insights.ts';
import type { Locale } from '../../protocol/locales.ts';

export type BucketUnit = 'day' | 'week' | 'month';

export interface Bucket {
  /** First day of the bucket, YYYY-MM-DD. */
  start: string;
  /** How many days of the period fall in it: a week or month cut by the period's ends has fewer. */
  days: number;
  searches: number;
  noResult: number;
  engagedVisits: number;
  selfServiceVisits: number;
  conversations: number;
}

/** Days for up to two weeks, weeks (from the period's first day) up to 92 days, else calendar months. */
export function bucketize(daily: DailyRow[]): { unit: BucketUnit; buckets: Bucket[] } {
  const unit: BucketUnit = daily.length <= 14 ? 'day' : daily.length <= 92 ? 'week' : 'month';
  const buckets: Bucket[] = [];
  daily.forEach((d, i) => {
    const newBucket = unit === 'day' || (unit === 'week' ? i % 7 === 0 : i === 0 || d.day.endsWith('-01'));
    if (newBucket) buckets.push({ start: d.day, days: 0, searches: 0, noResult: 0, engagedVisits: 0, selfServiceVisits: 0, conversations: 0 });
    const b = buckets[buckets.length - 1]!;
    b.days += 1;
    b.searches += d.searches;
    b.noResult += d.noResult;
    b.engagedVisits += d.engagedVisits;
    b.selfServiceVisits += d.selfServiceVisits;
    b.conversations += d.conversations;
  });
  return { unit, buckets };
}

/** "3 dic" for a day or week, "dic 26" for a month; a bucket cut short says how many days it has ("· 2 d"). */
export function bucketLabel(bucket: Pick<Bucket, 'start' | 'days'>, unit: BucketUnit, locale: Locale): string {
  const options: Intl.DateTimeFormatOptions = unit === 'month'
    ? { month: 'short', year: '2-digit', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  const start = new Date(`${bucket.start}T00:00:00Z`);
  const label = new Intl.DateTimeFormat(locale, options).format(start);
  const full = unit === 'day' ? 1 : unit === 'week' ? 7 : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  return bucket.days < full ? `${label} · ${bucket.days} d` : label;
}

/** A bar's value: compact past 9,999 ("12 mil", "12K") so it fits above its bar. */
export function barNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, value > 9999 ? { notation: 'compact', maximumFractionDigits: 1 } : {}).format(value);
}

export interface BarPoint {
  label: string;
  /** Bar height in the chart's own scale; null draws no bar (no data: the value shows "–"). */
  value: number | null;
  /** What is written above the bar. */
  text: string;
}

// Close to the size it is shown at (two charts a row), so 11-12 px text stays 11-12 px on screen.
const WIDTH = 480;
const HEIGHT = 180;
const TOP = 22;
const BOTTOM = 30;

/** The bars, their values and their labels. `max` fixes the scale (1 for a rate); else the largest value. */
export function barChart(points: BarPoint[], label: string, max?: number): SVGTemplateResult {
  const top = max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const slot = WIDTH / Math.max(points.length, 1);
  const barWidth = Math.min(44, slot * 0.62);
  const plot = HEIGHT - TOP - BOTTOM;
  const fontSize = slot < 40 ? 10 : 12;
  return svg`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
    <line x1="0" x2=${WIDTH} y1=${HEIGHT - BOTTOM} y2=${HEIGHT - BOTTOM} stroke="#c5ccd8" stroke-width="1"></line>
    ${points.map((p, i) => {
      const x = i * slot + slot / 2;
      const h = p.value === null ? 0 : Math.round((p.value / top) * plot);
      const y = HEIGHT - BOTTOM - h;
      return svg`<g>
        ${h > 0 ? svg`<rect x=${x - barWidth / 2} y=${y} width=${barWidth} height=${h} rx="3" fill="#1d4ed8"></rect>` : null}
        <text x=${x} y=${y - 6} text-anchor="middle" font-size=${fontSize} font-weight="600" fill="#1c2433">${p.text}</text>
        <text x=${x} y=${HEIGHT - 11} text-anchor="middle" font-size=${fontSize} fill="#556070">${p.label}</text>
      </g>`;
    })}
  </svg>`;
}
