// Routing rules: the first rule (by position) whose every set condition matches a new conversation picks
// its team. Words match whole words of the first message, without case or accents ("facturacion" matches
// "Facturación"); categories match the categories of the articles the visitor read before asking.
import { fold } from '../kb/analyzer.ts';

export interface Rule {
  id: number;
  teamId: string;
  position: number;
  categories: string[];
  words: string[];
  locale: string | null;
  channel: string | null;
}

export interface RoutingInput {
  firstMessage: string;
  categories: string[];
  locale: string;
  channel: string;
}

const wordsOf = (text: string) => new Set(fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean));

export function ruleMatches(rule: Rule, input: RoutingInput): boolean {
  if (rule.locale && rule.locale !== input.locale) return false;
  if (rule.channel && rule.channel !== input.channel) return false;
  if (rule.categories.length) {
    const read = new Set(input.categories.map(fold));
    if (!rule.categories.some((c) => read.has(fold(c)))) return false;
  }
  if (rule.words.length) {
    const text = fold(input.firstMessage);
    const words = wordsOf(input.firstMessage);
    // A rule's "word" may be a phrase ("no funciona"): then it must appear as written (folded).
    if (!rule.words.some((w) => (/\s/.test(w.trim()) ? text.includes(fold(w.trim())) : words.has(fold(w.trim()))))) return false;
  }
  return true;
}

/** The team of the first matching rule, or null (the general queue). */
export function pickTeam(rules: Rule[], input: RoutingInput): string | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  return ordered.find((r) => ruleMatches(r, input))?.teamId ?? null;
}
