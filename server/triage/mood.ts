// The mood of a visitor's message, from NLP.js's sentiment lexicons (ML-Senticon for Spanish and English,
// with their negation lists). Visitors mix languages, so a message is scored in both and the language whose
// lexicon recognises more of its words wins; the conversation's locale breaks a tie.
import { Container } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { LangEs } from '@nlpjs/lang-es';
import { SentimentAnalyzer } from '@nlpjs/sentiment';
import type { Locale } from '../../protocol/locales.ts';

/** A message whose mood is at or below this counts as angry (the sum of its words' polarities). */
export const ANGRY_BELOW = -0.25;

let analyzer: SentimentAnalyzer | undefined;
function sentimentAnalyzer(): SentimentAnalyzer {
  if (!analyzer) {
    const container = new Container();
    container.use(LangEs);
    container.use(LangEn);
    analyzer = new SentimentAnalyzer({ container });
  }
  return analyzer;
}

/** The message's polarity: below 0 negative, above 0 positive, 0 when neither lexicon knows its words. */
export async function moodOf(text: string, locale: Locale): Promise<number> {
  const a = sentimentAnalyzer();
  const [es, en] = await Promise.all([a.process({ locale: 'es', text }), a.process({ locale: 'en', text })]);
  const hits = { es: es.sentiment.numHits, en: en.sentiment.numHits };
  const pick = hits.es === hits.en ? locale : hits.es > hits.en ? 'es' : 'en';
  const score = (pick === 'es' ? es : en).sentiment.score;
  return Math.round(score * 1000) / 1000;
}
