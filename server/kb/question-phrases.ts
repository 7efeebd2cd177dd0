// The way people ask, not what they ask about: "how do I", "is it possible to", "cómo puedo", "qué
// pasa si". Most of their words are stop words already; the rest ("possible", "happens", "way",
// "pasa", "manera") would otherwise rank articles that happen to say them. Removed from a query
// before ranking, unless nothing would be left.
import type { Locale } from '../../protocol/locales.ts';
import { fold, type WordToken } from './analyzer.ts';

const PHRASES: Record<Locale, string[]> = {
  en: [
    'how do i', 'how can i', 'how do you', 'how does one', 'how to', 'how does', 'how do', 'how can',
    'what is', 'what are', 'what does', 'what do i do', 'what should i do', 'what happens if', 'what happens to',
    'what happens when', 'what happens', 'what does it mean', 'what if',
    'is it possible to', 'is it possible', 'is there a way to', 'is there any way to', 'is there a way',
    'can i', 'can you', 'do i need to', 'do i have to', 'do i need', 'i want to', 'i would like to',
    'i d like to', 'id like to', 'i need to', 'i need', 'tell me about', 'tell me how', 'please help', 'help me',
    'why do i', 'why does', 'why is', 'why am i', 'why can t i', 'why cant i', 'where do i', 'where can i',
    'when do i', 'when will',
  ],
  es: [
    'como puedo', 'como se puede', 'como se', 'como hago para', 'como hago', 'como hacer para', 'como hacer',
    'que es', 'que son', 'que significa', 'que pasa si', 'que pasa con', 'que pasa cuando', 'que pasa',
    'que ocurre si', 'que sucede si', 'que hago si', 'que hago', 'que debo hacer', 'que tengo que hacer',
    'es posible', 'se puede', 'hay alguna manera de', 'hay alguna forma de', 'hay manera de', 'hay forma de',
    'puedo', 'quiero saber', 'me gustaria', 'necesito saber', 'tengo que', 'debo', 'para que sirve',
    'por que no puedo', 'por que', 'donde puedo', 'donde esta', 'cuando puedo', 'ayudame', 'me pueden ayudar',
  ],
};

const PREPARED: Record<Locale, string[][]> = {
  en: PHRASES.en.map((p) => p.split(' ')).sort((a, b) => b.length - a.length),
  es: PHRASES.es.map((p) => p.split(' ')).sort((a, b) => b.length - a.length),
};

/** The words of a query without its question phrases; all of them when that would leave none. */
export function withoutQuestionPhrases(locale: Locale, list: WordToken[]): WordToken[] {
  const folded = list.map((w) => fold(w.word));
  const drop = new Array<boolean>(list.length).fill(false);
  for (let i = 0; i < list.length; i++) {
    if (drop[i]) continue;
    const phrase = PREPARED[locale].find((p) => p.every((w, k) => folded[i + k] === w));
    if (phrase) for (let k = 0; k < phrase.length; k++) drop[i + k] = true;
  }
  const kept = list.filter((_, i) => !drop[i]);
  return kept.length ? kept : list;
}
