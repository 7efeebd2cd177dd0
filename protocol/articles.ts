// The article editor's HTTP contract (/api/console/articles…), shared by the server's route schemas and
// the console. The console imports types only, so TypeBox never reaches its bundle.
import { Type, type Static } from 'typebox';
import { ErrorResponseSchema, LocaleSchema, SlugSchema } from './kb.ts';

export const MAX_BODY_LENGTH = 200_000;

/** The front matter as form fields, and the markdown body. */
export const ArticleFieldsSchema = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  summary: Type.String({ maxLength: 1000 }),
  category: Type.String({ maxLength: 100 }),
  tags: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 }),
  /** Host-page URL paths where the article is suggested (`/pricing`, `/docs/*`). */
  paths: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50 }),
  /** Front-matter keys Atiende does not use, kept as they came. */
  extra: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown()),
  body: Type.String({ maxLength: MAX_BODY_LENGTH }),
});
export type ArticleFields = Static<typeof ArticleFieldsSchema>;

export const ArticleKeySchema = Type.Object({ locale: LocaleSchema, slug: SlugSchema }, { additionalProperties: false });

export const CreateArticleBodySchema = Type.Object(
  { ...ArticleKeySchema.properties, ...ArticleFieldsSchema.properties },
  { additionalProperties: false },
);

export const SaveArticleBodySchema = Type.Object(
  {
    ...ArticleKeySchema.properties,
    /** The version the edit was based on: a save over a newer one is refused (409). */
    version: Type.Integer({ minimum: 1 }),
    ...ArticleFieldsSchema.properties,
  },
  { additionalProperties: false },
);

export const PublishBodySchema = Type.Object(
  { ...ArticleKeySchema.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const RestoreBodySchema = Type.Object(
  {
    ...ArticleKeySchema.properties,
    /** The revision to bring back. */
    restore: Type.Integer({ minimum: 1 }),
    /** The version the editor was looking at. */
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')]);

export const EditorArticleSchema = Type.Object({
  ...ArticleFieldsSchema.properties,
  slug: Type.String(),
  locale: LocaleSchema,
  status: Status,
  version: Type.Integer(),
  /** The revision visitors see, null while a draft. */
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.Integer(),
  updatedByName: Type.String(),
  createdAt: Type.Integer(),
});
export type EditorArticle = Static<typeof EditorArticleSchema>;

export const ArticleResponseSchema = Type.Object({
  article: EditorArticleSchema,
  /** The same slug in the other locales. */
  translations: Type.Array(EditorArticleSchema),
});
export type ArticleResponse = Static<typeof ArticleResponseSchema>;

export const ConflictResponseSchema = Type.Object({
  ...ErrorResponseSchema.properties,
  /** The article as it is now, saved by someone else. */
  current: Type.Optional(EditorArticleSchema),
});

export const ListArticlesQuerySchema = Type.Object(
  {
    locale: Type.Optional(LocaleSchema),
    status: Type.Optional(Status),
    category: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    /** Only articles that lack a version in some locale. */
    missing: Type.Optional(Type.Boolean()),
    /** Only articles whose other-locale version changed after them. */
    outdated: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ArticleListItemSchema = Type.Object({
  slug: Type.String(),
  locale: LocaleSchema,
  title: Type.String(),
  category: Type.String(),
  status: Status,
  version: Type.Integer(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.Integer(),
  updatedByName: Type.String(),
  missingTranslations: Type.Array(LocaleSchema),
  outdatedTranslation: Type.Boolean(),
});
export type ArticleListItem = Static<typeof ArticleListItemSchema>;

export const ArticleListResponseSchema = Type.Object({
  articles: Type.Array(ArticleListItemSchema),
  categories: Type.Array(Type.String()),
});

export const RevisionSummarySchema = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  action: Type.Union([Type.Literal('save'), Type.Literal('restore'), Type.Literal('import')]),
  authorName: Type.String(),
  createdAt: Type.Integer(),
});
export type RevisionSummary = Static<typeof RevisionSummarySchema>;

export const RevisionsResponseSchema = Type.Object({ revisions: Type.Array(RevisionSummarySchema) });

export const RevisionQuerySchema = Type.Object(
  { ...ArticleKeySchema.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const RevisionResponseSchema = Type.Object({
  revision: Type.Object({ ...ArticleFieldsSchema.properties, ...RevisionSummarySchema.properties }),
});

export const DiffQuerySchema = Type.Object(
  { ...ArticleKeySchema.properties, from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

/** A line diff; changed lines pair a removal with an addition and mark the words that differ. */
export const DiffLineSchema = Type.Object({
  type: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]),
  text: Type.String(),
  /** [start, end) of the words that changed on this line, when it pairs with a line on the other side. */
  changes: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
});
export type DiffLine = Static<typeof DiffLineSchema>;

export const DiffResponseSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  lines: Type.Array(DiffLineSchema),
  added: Type.Integer(),
  removed: Type.Integer(),
});
export type DiffResponse = Static<typeof DiffResponseSchema>;

export const PreviewBodySchema = Type.Object(
  { locale: LocaleSchema, body: Type.String({ maxLength: MAX_BODY_LENGTH }) },
  { additionalProperties: false },
);
export const PreviewResponseSchema = Type.Object({
  /** Sanitized exactly as the widget's article HTML. */
  html: Type.String(),
});

export const ImageResponseSchema = Type.Object({
  /** Path on this server; the console makes it absolute so the widget can load it on other sites. */
  url: Type.String(),
  type: Type.String(),
  bytes: Type.Integer(),
});

export const StaffMemberSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('agent'), Type.Literal('editor')]),
});
export type StaffMember = Static<typeof StaffMemberSchema>;

export const CreateStaffBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Union([Type.Literal('admin'), Type.Literal('agent'), Type.Literal('editor')]),
    password: Type.String({ minLength: 12, maxLength: 200 }),
  },
  { additionalProperties: false },
);
