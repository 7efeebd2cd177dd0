// The knowledge-base HTTP contract shared by the server (route schemas), the widget and the console.
// Types come from the schemas, so a field is declared once. The widget imports types only (`import type`),
// so TypeBox never reaches the visitor's bundle.
import { Type, type Static } from 'typebox';
import { LOCALES, type Locale } from './locales.ts';

export { LOCALES, type Locale } from './locales.ts';

export const LocaleSchema = Type.Unsafe<Locale>({
  type: 'string',
  enum: [...LOCALES],
  description: 'an interface and content locale: es or en',
});

/** A slug is an article's path under KB_DIR without locale and extension: `billing/refunds`. */
export const SlugSchema = Type.String({ minLength: 1, maxLength: 200, pattern: '^[a-z0-9][a-z0-9._/-]*$' });

export const MAX_QUERY_LENGTH = 200;

/**
 * A visit: one page load of the widget, named by 32 random hex characters the widget keeps in memory
 * only (never in cookies or storage). It lets insights tell a visit that searched and read and did not
 * ask for a person from one that did, without knowing who anyone is.
 */
export const VisitIdSchema = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'a visit id: 32 random hex characters' });

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH }),
    locale: LocaleSchema,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
    /** false: do not record this search (text that is not a search, e.g. a problem described before consent). */
    record: Type.Optional(Type.Boolean({ default: true })),
    visit: Type.Optional(VisitIdSchema),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuerySchema>;

/** [start, end) character offsets of a matched word inside the text it belongs to. */
export const HighlightsSchema = Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]));

export const SearchResultSchema = Type.Object({
  slug: Type.String(),
  locale: LocaleSchema,
  title: Type.String(),
  titleHighlights: HighlightsSchema,
  summary: Type.String(),
  category: Type.String(),
  snippet: Type.String({ description: 'plain text; render as text, mark the highlights' }),
  highlights: HighlightsSchema,
  score: Type.Number(),
});
export type SearchResult = Static<typeof SearchResultSchema>;

export const SearchResponseSchema = Type.Object({
  query: Type.String(),
  locale: LocaleSchema,
  results: Type.Array(SearchResultSchema),
});
export type SearchResponse = Static<typeof SearchResponseSchema>;

export const SuggestionsQuerySchema = Type.Object(
  {
    locale: LocaleSchema,
    path: Type.Optional(Type.String({ maxLength: 500, default: '/' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
  },
  { additionalProperties: false },
);

export const ArticleSummarySchema = Type.Object({
  slug: Type.String(),
  locale: LocaleSchema,
  title: Type.String(),
  summary: Type.String(),
  category: Type.String(),
});
export type ArticleSummary = Static<typeof ArticleSummarySchema>;

export const SuggestionsResponseSchema = Type.Object({
  /** `path`: chosen for the host page's URL path; `popular`: the most viewed. */
  reason: Type.Union([Type.Literal('path'), Type.Literal('popular')]),
  results: Type.Array(ArticleSummarySchema),
});
export type SuggestionsResponse = Static<typeof SuggestionsResponseSchema>;

export const ArticleQuerySchema = Type.Object(
  { slug: SlugSchema, locale: LocaleSchema },
  { additionalProperties: false },
);

export const ArticleSchema = Type.Object({
  slug: Type.String(),
  locale: LocaleSchema,
  title: Type.String(),
  summary: Type.String(),
  category: Type.String(),
  tags: Type.Array(Type.String()),
  /** Sanitized on the server; the only HTML the widget renders. */
  html: Type.String(),
  translations: Type.Array(Type.Object({ locale: LocaleSchema, title: Type.String() })),
});
export type Article = Static<typeof ArticleSchema>;

export const ArticleRefSchema = Type.Object(
  { slug: SlugSchema, locale: LocaleSchema },
  { additionalProperties: false },
);

/** POST /api/kb/views: an article opened, by which visit when the widget says so. */
export const ViewBodySchema = Type.Object(
  { slug: SlugSchema, locale: LocaleSchema, visit: Type.Optional(VisitIdSchema) },
  { additionalProperties: false },
);

export const VoteBodySchema = Type.Object(
  { slug: SlugSchema, locale: LocaleSchema, helpful: Type.Boolean(), visit: Type.Optional(VisitIdSchema) },
  { additionalProperties: false },
);
export type VoteBody = Static<typeof VoteBodySchema>;

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'ATIENDE_ERR_*' }),
    message: Type.String(),
    /** The request field at fault, when there is one. */
    field: Type.Optional(Type.String()),
  }),
});
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

export const HealthResponseSchema = Type.Object({
  status: Type.Literal('ok'),
  articles: Type.Object({
    loaded: Type.Integer(),
    skipped: Type.Integer(),
    drafts: Type.Integer(),
    byLocale: Type.Record(Type.String(), Type.Integer()),
  }),
});
