// Makes http(s) addresses in a message clickable while everything stays text: the message is split
// into strings and <a> templates, each rendered through a Lit binding, so markup in it is shown as
// typed and never parsed. Only http: and https: become links; `javascript:` and the like stay text.
import { html, type TemplateResult } from 'lit';

const ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address it follows. */
const TRAILING = /[.,;:!?'»”)\]}]$/;

export function linkify(text: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let cursor = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimTrailing(match[0]);
    const start = match.index ?? 0;
    if (!isWebAddress(address)) continue;
    if (start > cursor) parts.push(text.slice(cursor, start));
    parts.push(html`<a href=${address} target="_blank" rel="noopener noreferrer">${address}</a>`);
    cursor = start + address.length;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return parts;
}

function trimTrailing(address: string): string {
  // A closing parenthesis belongs to the address when the address opened one (Wikipedia-style links).
  while (TRAILING.test(address) && !(address.endsWith(')') && address.includes('('))) address = address.slice(0, -1);
  return address;
}

function isWebAddress(address: string): boolean {
  try {
    const url = new URL(address);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
