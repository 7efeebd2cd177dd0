// The chat contract shared by the server, the widget and the console: every WebSocket frame and the
// HTTP bodies of the chat routes, as TypeBox schemas. The server validates with them; the widget and
// the console import the types only (`import type`), so TypeBox never reaches a browser bundle.
import { Type, type Static } from 'typebox';
import { LocaleSchema, VisitIdSchema } from './kb.ts';
import { AutoAnswerReplyFrame } from './auto-answer.ts';
import { NoteSchema } from './notes.ts';
import { ReplyDraftSchema } from './review.ts';
import { MAX_MESSAGE_LENGTH } from './limits.ts';

export { MAX_MESSAGE_LENGTH };
/** The WebSocket subprotocol; a client that asks for another one is refused. */
export const CHAT_SUBPROTOCOL = 'atiende.chat.v1';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Seq = Type.Integer({ minimum: 0 });
/** Chosen by the sender for each message; a repeat is answered with the first ack, never stored twice. */
const ClientId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Body = Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH });
const Author = Type.Union([Type.Literal('visitor'), Type.Literal('agent'), Type.Literal('system')]);
const Millis = Type.Integer({ description: 'milliseconds since 1970' });

export const ChatMessageSchema = Type.Object({
  conversationId: Type.String(),
  seq: Seq,
  clientId: Type.String(),
  author: Author,
  /** An agent's display name; never a visitor's. */
  authorName: Type.Optional(Type.String()),
  body: Type.String(),
  createdAt: Millis,
  /** An automatic answer still waiting for the visitor's "Did this solve it?" (auto_answer_reply). */
  offer: Type.Optional(Type.Boolean()),
});
export type ChatMessage = Static<typeof ChatMessageSchema>;

export const ConversationStatus = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('withdrawn')]);

/** Why a conversation ranks where it does: each reason a short badge in the inbox. */
export const PriorityReasonSchema = Type.Union([
  /** The visitor's messages read as angry; `mood` is the most negative recent score. */
  Type.Object({ code: Type.Literal('angry'), mood: Type.Number() }),
  /** The visitor has waited this long for a reply. */
  Type.Object({ code: Type.Literal('waiting'), minutes: Type.Integer({ minimum: 0 }) }),
  Type.Object({ code: Type.Literal('vip') }),
  /** Written where others can see it (a Facebook Page). */
  Type.Object({ code: Type.Literal('public_channel'), channel: Type.String() }),
]);
export type PriorityReason = Static<typeof PriorityReasonSchema>;

export const PrioritySchema = Type.Object({
  /** Higher comes first in the inbox. */
  score: Type.Number(),
  reasons: Type.Array(PriorityReasonSchema),
});
export type Priority = Static<typeof PrioritySchema>;

/** The response-time target of what the visitor waits for (first or next response, chat or offline). */
export const TargetSchema = Type.Object({
  kind: Type.Union([Type.Literal('first'), Type.Literal('next')]),
  /** When the reply is due. */
  dueAt: Millis,
  /** Past dueAt (when the summary was made). */
  breached: Type.Boolean(),
  /** In the last 20% of the target, not yet breached. */
  warning: Type.Boolean(),
  /** From when the target runs: dueAt minus the target's length. */
  since: Millis,
});
export type Target = Static<typeof TargetSchema>;

export const ConversationSummarySchema = Type.Object({
  id: Type.String(),
  status: ConversationStatus,
  channel: Type.String(),
  locale: LocaleSchema,
  createdAt: Millis,
  updatedAt: Millis,
  lastSeq: Seq,
  lastMessage: Type.Optional(Type.Object({ author: Author, body: Type.String(), createdAt: Millis })),
  /** When the oldest visitor message still without an agent reply was sent; null when none waits. */
  waitingSince: Type.Union([Type.Null(), Millis]),
  rating: Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 5 })]),
  /** Agents only: who the visitor said they are (both optional at consent). */
  visitor: Type.Optional(Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) })),
  /** Agents only: triage. */
  priority: Type.Optional(PrioritySchema),
  /** Agents only: the target of the reply the visitor waits for; null when nobody waits. */
  target: Type.Optional(Type.Union([Type.Null(), TargetSchema])),
  /** Agents only: the visitor is flagged VIP. */
  vip: Type.Optional(Type.Boolean()),
  /** Agents only: the team whose queue it is in (null: the general queue) and the agent who has it. */
  team: Type.Optional(Type.Union([Type.Null(), Type.Object({ id: Type.String(), name: Type.String() })])),
  assignee: Type.Optional(Type.Union([Type.Null(), Type.Object({ id: Type.String(), name: Type.String() })])),
});
export type ConversationSummary = Static<typeof ConversationSummarySchema>;

// ---- Frames a client sends ------------------------------------------------------------------------

export const JoinFrame = Type.Object(
  { type: Type.Literal('join'), conversationId: Id, afterSeq: Seq },
  { additionalProperties: false, description: 'Follow a conversation and receive every message after afterSeq.' },
);
export const SendFrame = Type.Object(
  { type: Type.Literal('send'), conversationId: Id, clientId: ClientId, body: Body },
  { additionalProperties: false, description: 'Write a message; answered with ack once it is committed.' },
);
export const TypingFrame = Type.Object(
  { type: Type.Literal('typing'), conversationId: Id, typing: Type.Boolean() },
  { additionalProperties: false },
);
export const ReadFrame = Type.Object(
  { type: Type.Literal('read'), conversationId: Id, seq: Seq },
  { additionalProperties: false, description: 'Everything up to seq has been seen.' },
);
/** Agents only. */
export const CloseFrame = Type.Object(
  { type: Type.Literal('close'), conversationId: Id },
  { additionalProperties: false },
);
/** Agents only. */
export const PresenceFrame = Type.Object(
  { type: Type.Literal('presence'), status: Type.Union([Type.Literal('online'), Type.Literal('away')]) },
  { additionalProperties: false },
);

/** Agents only: whether this socket receives every conversation's changes (on by default). */
export const InboxFrame = Type.Object(
  { type: Type.Literal('inbox'), follow: Type.Boolean() },
  { additionalProperties: false },
);

export const ClientFrameSchema = Type.Union([JoinFrame, SendFrame, TypingFrame, ReadFrame, CloseFrame, PresenceFrame, InboxFrame, AutoAnswerReplyFrame]);
export type ClientFrame = Static<typeof ClientFrameSchema>;

// ---- Frames the server sends ----------------------------------------------------------------------

export const ServerFrameSchema = Type.Union([
  /** First frame on every socket. */
  Type.Object({ type: Type.Literal('ready'), role: Type.Union([Type.Literal('visitor'), Type.Literal('agent')]), agentsOnline: Type.Boolean() }),
  /** Answer to join: the conversation and, in order, every message after afterSeq. */
  Type.Object({ type: Type.Literal('joined'), conversation: ConversationSummarySchema, messages: Type.Array(ChatMessageSchema) }),
  /** The message with this clientId is committed with this seq. `duplicate`: it had been already. */
  Type.Object({ type: Type.Literal('ack'), conversationId: Type.String(), clientId: Type.String(), seq: Seq, createdAt: Millis, duplicate: Type.Boolean() }),
  Type.Object({ type: Type.Literal('message'), message: ChatMessageSchema }),
  Type.Object({ type: Type.Literal('typing'), conversationId: Type.String(), author: Author, typing: Type.Boolean() }),
  Type.Object({ type: Type.Literal('read'), conversationId: Type.String(), author: Author, seq: Seq }),
  Type.Object({ type: Type.Literal('agent_joined'), conversationId: Type.String(), agentName: Type.String() }),
  Type.Object({ type: Type.Literal('presence'), agentsOnline: Type.Boolean() }),
  /** A conversation changed (status, last message, rating): sent to its visitor. */
  Type.Object({ type: Type.Literal('conversation'), conversation: ConversationSummarySchema }),
  /** Agents following the inbox: every conversation that changed, gathered over 100 ms into one frame. */
  Type.Object({ type: Type.Literal('conversations'), conversations: Type.Array(ConversationSummarySchema) }),
  /** Agents following the conversation: a new internal note (never sent to a visitor). */
  Type.Object({ type: Type.Literal('note'), note: NoteSchema }),
  /** Every agent: mentions changed; read GET /api/console/mentions again. */
  Type.Object({ type: Type.Literal('mentions') }),
  /** To a trainee: their reply is held for a lead's review, or was approved or rejected. */
  Type.Object({ type: Type.Literal('review'), draft: ReplyDraftSchema }),
  /** Every agent: drafts waiting for review changed; leads read GET /api/console/reviews again. */
  Type.Object({ type: Type.Literal('reviews') }),
  /** A frame was refused; `ref` is its clientId or type. The socket stays usable. */
  Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String(), ref: Type.Optional(Type.String()) }),
]);
export type ServerFrame = Static<typeof ServerFrameSchema>;

// ---- HTTP bodies ------------------------------------------------------------------------------------

export const ChatConfigQuerySchema = Type.Object({ locale: LocaleSchema }, { additionalProperties: false });

export const ChatConfigSchema = Type.Object({
  consent: Type.Object({ version: Type.String(), hash: Type.String(), text: Type.String() }),
  officeHours: Type.String(),
  /** Hours within which the team promises an answer when nobody is online. */
  replyWithinHours: Type.Integer(),
  agentsOnline: Type.Boolean(),
});
export type ChatConfig = Static<typeof ChatConfigSchema>;

const Channel = Type.Union([Type.Literal('web'), Type.Literal('help'), Type.Literal('facebook')]);
const ChannelTicket = Type.String({ minLength: 1, maxLength: 200 });

export const ConsentBodySchema = Type.Object(
  {
    locale: LocaleSchema,
    channel: Channel,
    pageUrl: Type.String({ maxLength: 2000 }),
    purpose: Type.Literal('support_chat'),
    /** The version and hash of the text the visitor was shown; refused if it is not the current one. */
    consentVersion: Type.String({ maxLength: 40 }),
    consentHash: Type.String({ minLength: 64, maxLength: 64 }),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    /** Email me when the team replies while I am away (needs `email`). */
    notifyByEmail: Type.Optional(Type.Boolean()),
    /** Required for channel facebook: the ticket the verified Page tab gave the widget. */
    channelTicket: Type.Optional(ChannelTicket),
  },
  { additionalProperties: false },
);
export type ConsentBody = Static<typeof ConsentBodySchema>;

export const ConsentResponseSchema = Type.Object({
  visitorId: Type.String(),
  /** Shown once; the server keeps only its hash. The widget keeps it in localStorage. */
  visitorToken: Type.String(),
});

export const StartConversationBodySchema = Type.Object(
  {
    locale: LocaleSchema,
    /** Where the visitor writes from: the widget on a site, the /help page, or the Facebook tab. Default web. */
    channel: Type.Optional(Channel),
    /** Required for channel facebook, as in consent. */
    channelTicket: Type.Optional(ChannelTicket),
    /** What the visitor did in the widget before asking, kept in memory until now. */
    context: Type.Object(
      {
        searches: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
        articles: Type.Array(Type.Object({ slug: Type.String({ maxLength: 200 }), title: Type.String({ maxLength: 300 }) }, { additionalProperties: false }), { maxItems: 20 }),
        pageUrl: Type.String({ maxLength: 2000 }),
      },
      { additionalProperties: false },
    ),
    /** The widget's visit id, so insights can name the article read right before this conversation. */
    visit: Type.Optional(VisitIdSchema),
  },
  { additionalProperties: false },
);

export const ConversationResponseSchema = Type.Object({ conversation: ConversationSummarySchema });
export const ConversationListSchema = Type.Object({ conversations: Type.Array(ConversationSummarySchema) });

export const ConversationParamsSchema = Type.Object({ id: Id }, { additionalProperties: false });

export const RatingBodySchema = Type.Object(
  { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const TicketResponseSchema = Type.Object({
  /** Single use, valid for 30 seconds: `?ticket=` on the WebSocket URL, so no token appears in a URL. */
  ticket: Type.String(),
});

export const DeflectionBodySchema = Type.Object(
  { locale: LocaleSchema, slug: Type.Optional(Type.String({ maxLength: 200 })), visit: Type.Optional(VisitIdSchema) },
  { additionalProperties: false },
);

// ---- Identity ---------------------------------------------------------------------------------------

export const IdentityBodySchema = Type.Object(
  {
    /** An HS256 JWT signed by the company's backend with ATIENDE_IDENTITY_SECRET. */
    token: Type.String({ minLength: 1, maxLength: 4096 }),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type IdentityBody = Static<typeof IdentityBodySchema>;

export const IdentityResponseSchema = Type.Object({
  /** Who the token says the customer is. */
  customer: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }),
  /** The visitor now linked to the customer; null when this customer has not consented to chat yet (ask first). */
  visitorId: Type.Union([Type.String(), Type.Null()]),
  /** Only when this device had no visitor token: a new one for the customer, kept like the one consent gives. */
  visitorToken: Type.Optional(Type.String()),
});
export type IdentityResponse = Static<typeof IdentityResponseSchema>;
