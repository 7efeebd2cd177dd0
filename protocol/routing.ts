// Teams, routing rules and assignment: the console's HTTP contract (admin edits teams and rules; agents
// claim, assign, transfer and release conversations).
import { Type, type Static } from 'typebox';
import { LocaleSchema } from './kb.ts';

const Millis = Type.Integer({ description: 'milliseconds since 1970' });
const TeamId = Type.String({ minLength: 1, maxLength: 64 });
const AgentId = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 80 });

export const MemberRole = Type.Union([Type.Literal('lead'), Type.Literal('member'), Type.Literal('trainee')]);

export const TeamMemberSchema = Type.Object({
  agentId: AgentId,
  name: Type.String(),
  role: MemberRole,
  capacity: Type.Integer({ minimum: 1, maximum: 100 }),
  /** Open conversations of this team the agent has now. */
  load: Type.Integer(),
  online: Type.Boolean(),
});
export const TeamSchema = Type.Object({
  id: TeamId,
  name: Type.String(),
  reviewTrainees: Type.Boolean(),
  members: Type.Array(TeamMemberSchema),
  /** Open conversations of the team that nobody has yet. */
  waiting: Type.Integer(),
});
export type Team = Static<typeof TeamSchema>;

export const RoutingRuleSchema = Type.Object({
  id: Type.Integer(),
  teamId: TeamId,
  position: Type.Integer(),
  categories: Type.Array(Type.String()),
  words: Type.Array(Type.String()),
  locale: Type.Union([LocaleSchema, Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
});
export type RoutingRule = Static<typeof RoutingRuleSchema>;

export const TeamsResponseSchema = Type.Object({ teams: Type.Array(TeamSchema), rules: Type.Array(RoutingRuleSchema) });
export type TeamsResponse = Static<typeof TeamsResponseSchema>;

export const TeamBodySchema = Type.Object(
  { name: Name, reviewTrainees: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const TeamParamsSchema = Type.Object({ id: TeamId });
export const MemberParamsSchema = Type.Object({ id: TeamId, agentId: AgentId });
export const MemberBodySchema = Type.Object(
  { role: Type.Optional(MemberRole), capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

const Term = Type.String({ minLength: 1, maxLength: 60 });
export const RuleBodySchema = Type.Object(
  {
    teamId: TeamId,
    categories: Type.Optional(Type.Array(Term, { maxItems: 20 })),
    words: Type.Optional(Type.Array(Term, { maxItems: 50 })),
    locale: Type.Optional(Type.Union([LocaleSchema, Type.Null()])),
    channel: Type.Optional(Type.Union([Type.Union([Type.Literal('web'), Type.Literal('facebook')]), Type.Null()])),
  },
  { additionalProperties: false },
);
export const RuleParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AssignBodySchema = Type.Object({ agentId: AgentId }, { additionalProperties: false });
export const TransferBodySchema = Type.Object(
  { teamId: Type.Union([TeamId, Type.Null()], { description: 'null: the general queue' }), note: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

export const AssignmentEventSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('routed'), Type.Literal('auto_assigned'), Type.Literal('claimed'), Type.Literal('assigned'), Type.Literal('transferred'), Type.Literal('released'),
  ]),
  teamName: Type.Union([Type.String(), Type.Null()]),
  agentName: Type.Union([Type.String(), Type.Null()]),
  byName: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Millis,
});
export type AssignmentEvent = Static<typeof AssignmentEventSchema>;

/** Who has a conversation now, and how it got there. */
export const AssignmentSchema = Type.Object({
  teamId: Type.Union([Type.String(), Type.Null()]),
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(AssignmentEventSchema),
});
export type Assignment = Static<typeof AssignmentSchema>;
