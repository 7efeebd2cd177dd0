// Satisfaction and response figures for a period: overall, per team and per agent.
import { Type, type Static } from 'typebox';

const Seconds = Type.Union([Type.Number(), Type.Null()], { description: 'seconds; null when nothing to measure' });
const Spread = Type.Object({ median: Seconds, p90: Seconds });

export const FiguresSchema = Type.Object({
  /** Conversations started in the period. */
  conversations: Type.Integer(),
  /** Of those, answered by an agent. */
  handled: Type.Integer(),
  /** From the start of the conversation to the first agent reply. */
  firstResponse: Spread,
  /** From the start to closing, for conversations closed (by an agent or an accepted automatic answer). */
  resolution: Spread,
  csat: Type.Object({
    average: Type.Union([Type.Number(), Type.Null()]),
    count: Type.Integer(),
    /** How many ratings of 1, 2, 3, 4 and 5. */
    distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  }),
  autoAnswers: Type.Object({ offered: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer() }),
});
export type Figures = Static<typeof FiguresSchema>;

export const FiguresQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD (UTC), inclusive; default 30 days before `to`' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD (UTC), inclusive; default today' })),
  },
  { additionalProperties: false },
);

export const FiguresResponseSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** What the asker may see: `all` (admin), `teams` (a lead: their teams), `self` (an agent). */
  scope: Type.Union([Type.Literal('all'), Type.Literal('teams'), Type.Literal('self')]),
  overall: FiguresSchema,
  teams: Type.Array(Type.Intersect([Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }), FiguresSchema])),
  agents: Type.Array(Type.Intersect([Type.Object({ id: Type.String(), name: Type.String() }), FiguresSchema])),
});
export type FiguresResponse = Static<typeof FiguresResponseSchema>;
