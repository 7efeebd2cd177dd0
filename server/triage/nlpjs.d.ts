// The parts of NLP.js that the mood analysis uses (the packages ship no types).
declare module '@nlpjs/core' {
  export class Container {
    use(plugin: unknown): void;
  }
}
declare module '@nlpjs/lang-es' {
  export const LangEs: unknown;
}
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
declare module '@nlpjs/sentiment' {
  export interface SentimentResult { score: number; numWords: number; numHits: number; average: number; vote: string }
  export class SentimentAnalyzer {
    constructor(settings: { container: import('@nlpjs/core').Container });
    process(input: { locale: string; text: string }): Promise<{ sentiment: SentimentResult }>;
  }
}
