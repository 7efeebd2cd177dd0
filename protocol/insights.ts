// The insights contract: GET /api/console/insights and its CSV export. The console imports the types
// only (`import type`), so TypeBox never reaches a browser bundle.
import { Type, type Static } from 'typebox';
import { LocaleSchema } from './kb.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a UTC date, YYYY-MM-DD' });
const Count = Type.Integer({ minimum: 0 });

export const InsightsQuerySchema = Type.Object(
  {
    /** First day of the period, included (default: 29 days before `to`). */
    from: Type.Optional(Day),
    /** Last day of the period, included (default: today, UTC). */
    to: Type.Optional(Day),
    /** Only this locale's searches and articles; both when absent. */
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type InsightsQuery = Static<typeof InsightsQuerySchema>;

export const InsightsExportQuerySchema = Type.Object(
  {
    ...InsightsQuerySchema.properties,
    /** The language of the CSV's headers and labels: `lang`, else `locale`, else English. */
    lang: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);

export const SearchRowSchema = Type.Object({
  query: Type.String(),
  locale: LocaleSchema,
  searches: Count,
  noResult: Count,
  /** Searches after which the visit opened an article. */
  opened: Count,
});
export type SearchRow = Static<typeof SearchRowSchema>;

export const ArticleRowSchema = Type.Object({
  slug: Type.String(),
  locale: LocaleSchema,
  /** null when the article is no longer published. */
  title: Type.Union([Type.String(), Type.Null()]),
  views: Count,
  helpful: Count,
  notHelpful: Count,
  /** Conversations that began right after a visit read this article. */
  conversationsAfter: Count,
});
export type ArticleRow = Static<typeof ArticleRowSchema>;

export const DailyRowSchema = Type.Object({
  day: Day,
  searches: Count,
  noResult: Count,
  views: Count,
  engagedVisits: Count,
  selfServiceVisits: Count,
  conversations: Count,
});
export type DailyRow = Static<typeof DailyRowSchema>;

export const InsightsSchema = Type.Object({
  period: Type.Object({ from: Day, to: Day, locale: Type.Union([LocaleSchema, Type.Null()]) }),
  totals: Type.Object({
    searches: Count,
    noResult: Count,
    /** Searches that found articles, none of which was opened. */
    notOpened: Count,
    views: Count,
    helpful: Count,
    notHelpful: Count,
    /** Visits that searched or read an article. */
    engagedVisits: Count,
    /** Of those, the visits that did not open a conversation. */
    selfServiceVisits: Count,
    /** selfServiceVisits / engagedVisits, or null with no engaged visit. */
    selfServiceRate: Type.Union([Type.Number(), Type.Null()]),
    conversations: Count,
    /** Conversations that began right after reading an article. */
    conversationsAfterArticle: Count,
    deflections: Count,
  }),
  topSearches: Type.Array(SearchRowSchema),
  noResultSearches: Type.Array(SearchRowSchema),
  /** Searches with results where no article was opened, most often first. */
  notOpenedSearches: Type.Array(SearchRowSchema),
  articlesByViews: Type.Array(ArticleRowSchema),
  /** Articles with votes, the largest share of "not helpful" first. */
  articlesByVotes: Type.Array(ArticleRowSchema),
  /** Articles read right before a conversation began, most such conversations first. */
  articlesBeforeConversations: Type.Array(ArticleRowSchema),
  daily: Type.Array(DailyRowSchema),
});
export type Insights = Static<typeof InsightsSchema>;
