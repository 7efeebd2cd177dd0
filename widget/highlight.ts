// Marks matched words in plain text. The text stays text: every piece goes through a Lit binding,
// so a snippet containing markup is shown, never parsed.
import { html, type TemplateResult } from 'lit';

export type Range = readonly [number, number];

/** Sorted, clamped to the text, overlaps merged, empty ranges dropped. */
export function normalizeRanges(ranges: readonly Range[], length: number): Array<[number, number]> {
  const sorted = ranges
    .map(([start, end]): [number, number] => [Math.max(0, start), Math.min(length, end)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

export function highlight(text: string, ranges: readonly Range[] = []): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let cursor = 0;
  for (const [start, end] of normalizeRanges(ranges, text.length)) {
    if (start > cursor) parts.push(text.slice(cursor, start));
    parts.push(html`<mark>${text.slice(start, end)}</mark>`);
    cursor = end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return parts;
}
