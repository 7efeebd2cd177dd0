// The two WebSocket endpoints: /api/chat/ws for visitors (a single-use ticket from their token) and
// /api/console/ws for staff (their session cookie). Both are authenticated and their Origin checked in
// preValidation, before the upgrade. Message handlers are attached synchronously, before any await.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClientFrame } from '../../protocol/chat.ts';
import type { Locale } from '../../protocol/locales.ts';
import { ownOrigin } from '../auth/plugin.ts';
import type { Agent } from '../auth/staff.ts';
import type { Db } from '../db/client.ts';
import { AtiendeError } from '../errors.ts';
import { visitorMaySee } from '../identity/customers.ts';
import { parseFrame } from './frames.ts';
import { releaseUpgrade } from './release-upgrade.ts';
import type { AgentSocket, ChatHub, ChatSocket, VisitorSocket } from './hub.ts';
import { GroupCommit } from './group-commit.ts';
import { chatStatements } from './statements.ts';
import { messagesAfter, setConversationStatus, summarize, withAgentName } from './store.ts';
import type { Tickets } from './tickets.ts';
import { MoodScorer } from '../triage/mood-scorer.ts';
import type { Blocklist } from '../abuse/blocks.ts';
import type { IpHasher } from '../abuse/ip-hash.ts';
import type { SpamCheck } from '../abuse/spam-check.ts';
import type { AutoAnswer } from '../auto-answer/service.ts';
import { hold, needsReview } from '../review/store.ts';

/** How often sockets are pinged; one that has not answered the previous ping is ended. */
export const HEARTBEAT_MS = 30_000;
/** Frames per socket: a burst of RATE_BURST, refilled at RATE_PER_SECOND. */
const RATE_BURST = 40;
const RATE_PER_SECOND = 20;
/** Conversations a socket remembers it may write to (see writableConversation); past that, each frame asks. */
const MAX_REMEMBERED_PER_SOCKET = 64;

export interface SocketOptions {
  db: Db;
  hub: ChatHub;
  tickets: Tickets;
  allowedOrigins: string[];
  heartbeatMs?: number;
  blocklist: Blocklist;
  hashIp: IpHasher;
  spam: SpamCheck;
  autoAnswer: AutoAnswer;
}

const BLOCKED_MESSAGE = 'This visitor has been blocked: no new conversations or messages are accepted';

export function registerChatSockets(app: FastifyInstance, { db, hub, tickets, allowedOrigins, heartbeatMs = HEARTBEAT_MS, blocklist, hashIp, spam, autoAnswer }: SocketOptions): void {
  const statements = chatStatements(db.$client);
  const writer = new GroupCommit(statements);
  const moods = new MoodScorer();
  app.addHook('onClose', () => moods.stop());
  // Whatever is queued when the server closes is still written (and acknowledged if the socket is open).
  app.addHook('preClose', async () => writer.flush());
  const visitorOrigin = (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (!origin) return; // not a browser: the ticket is the proof
    if (origin === ownOrigin(request) || allowedOrigins.includes('*') || allowedOrigins.includes(origin)) return;
    throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, `Origin ${origin} may not open chat sockets (ALLOWED_ORIGINS)`);
  };

  app.get('/api/chat/ws', {
    websocket: true,
    preValidation: async (request) => {
      visitorOrigin(request);
      const ticket = (request.query as { ticket?: string }).ticket;
      const visitorId = tickets.redeem(ticket);
      if (!visitorId) throw new AtiendeError('ATIENDE_ERR_UNAUTHENTICATED', 401, 'A valid, unused ticket is required (POST /api/chat/tickets)');
      (request as FastifyRequest & { visitorId: string }).visitorId = visitorId;
    },
  }, (socket, request) => {
    const client: VisitorSocket = {
      kind: 'visitor', socket, visitorId: (request as FastifyRequest & { visitorId: string }).visitorId, conversations: new Set(), ipHash: hashIp(request.ip),
    };
    serve(client);
  });

  app.get('/api/console/ws', {
    websocket: true,
    preValidation: async (request) => {
      if (request.headers.origin !== ownOrigin(request)) {
        throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Console sockets must come from the console itself (Origin header)');
      }
      (request as FastifyRequest & { agent: Agent }).agent = app.requireAgent(request);
    },
  }, (socket, request) => {
    const agent = (request as FastifyRequest & { agent: Agent }).agent;
    const client: AgentSocket = { kind: 'agent', socket, agentId: agent.id, agentName: agent.name, status: 'online', inbox: true, conversations: new Set() };
    serve(client);
    hub.presenceChanged();
  });

  function serve(client: ChatSocket): void {
    const { socket } = client;
    releaseUpgrade(socket);
    let tokens = RATE_BURST;
    let refilled = Date.now();
    let alive = true;
    socket.on('pong', () => { alive = true; });
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, heartbeatMs);
    socket.on('message', (data, isBinary) => {
      const now = Date.now();
      tokens = Math.min(RATE_BURST, tokens + ((now - refilled) / 1000) * RATE_PER_SECOND);
      refilled = now;
      if (tokens < 1) {
        // Name the refused message, so its sender can offer a retry at once.
        const ref = /"clientId"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(String(data))?.[1];
        hub.send(client, { type: 'error', code: 'ATIENDE_ERR_RATE_LIMITED', message: `Too many frames: at most ${RATE_PER_SECOND} per second`, ref });
        return;
      }
      tokens -= 1;
      if (isBinary) {
        hub.send(client, { type: 'error', code: 'ATIENDE_ERR_BAD_FRAME', message: 'Frames are JSON text, not binary' });
        return;
      }
      const parsed = parseFrame(data.toString());
      if (!parsed.ok) {
        hub.send(client, { type: 'error', code: parsed.code, message: parsed.message, ref: parsed.ref });
        return;
      }
      const failed = (err: unknown) => {
        const e = err instanceof AtiendeError ? err : undefined;
        if (!e) app.log.error({ err }, 'chat frame failed');
        hub.send(client, {
          type: 'error', code: e?.code ?? 'ATIENDE_ERR_INTERNAL', message: e?.message ?? 'The server could not handle this frame',
          ref: 'clientId' in parsed.frame ? parsed.frame.clientId : parsed.frame.type,
        });
      };
      try {
        handle(client, parsed.frame)?.catch(failed);
      } catch (err) {
        failed(err);
      }
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      hub.remove(client);
    });
    socket.on('error', () => socket.terminate());
    hub.add(client);
    hub.send(client, { type: 'ready', role: client.kind, agentsOnline: hub.agentsOnline() });
  }

  /**
   * The visitor's mood, scored after the ack (off the write path) and stored with the next group commit
   * rather than in a commit of its own; the inbox hears of it when stored.
   */
  function scoreMood(conversationId: string, locale: Locale, seq: number, body: string): void {
    moods.score(body, locale)
      .then((mood) => writer.later(() => statements.recordMood(conversationId, seq, mood)))
      .then(() => hub.inboxChanged(conversationId))
      .catch((err: unknown) => app.log.warn({ err }, 'mood not scored'));
  }

  /** The conversation, if this client may see it; the same error whether it does not exist or is not theirs. */
  function allowed(client: ChatSocket, conversationId: string) {
    const c = statements.conversationAccess(conversationId);
    if (!c || (client.kind === 'visitor' && !visitorMaySee(db, client.visitorId, c.visitorId))) {
      throw new AtiendeError('ATIENDE_ERR_NOT_FOUND', 404, 'No such conversation');
    }
    return c;
  }

  /**
   * The conversation a `send` writes to. The first frame about it asks the database (allowed, and open);
   * later ones trust that answer, since who may write in a conversation does not change (an agent, or the
   * visitor who started it), and the write itself refuses a conversation closed since.
   */
  const writable = new WeakMap<ChatSocket, Map<string, { id: string; locale: Locale }>>();
  function writableConversation(client: ChatSocket, conversationId: string): { id: string; locale: Locale } {
    const known = writable.get(client)?.get(conversationId);
    if (known) return known;
    const c = allowed(client, conversationId);
    if (c.status !== 'open') throw new AtiendeError('ATIENDE_ERR_CONVERSATION_CLOSED', 409, 'This conversation is closed; reopen it to write');
    if (client.kind === 'agent' || c.visitorId === client.visitorId) {
      let mine = writable.get(client);
      if (!mine) writable.set(client, (mine = new Map()));
      if (mine.size < MAX_REMEMBERED_PER_SOCKET) mine.set(c.id, { id: c.id, locale: c.locale });
    }
    return c;
  }

  function handle(client: ChatSocket, frame: ClientFrame): Promise<void> | void {
    switch (frame.type) {
      case 'join': {
        const c = allowed(client, frame.conversationId);
        const isNew = hub.follow(client, c.id);
        const conversation = client.kind === 'agent' ? statements.summaryOf(c.id, true)! : summarize(db, c);
        hub.send(client, { type: 'joined', conversation, messages: messagesAfter(db, c.id, frame.afterSeq, client.kind === 'agent') });
        if (client.kind === 'agent' && isNew && c.status === 'open') {
          hub.toConversation(c.id, { type: 'agent_joined', conversationId: c.id, agentName: client.agentName }, client);
        }
        return;
      }
      case 'send': {
        const c = writableConversation(client, frame.conversationId);
        const author = client.kind;
        const agentId = client.kind === 'agent' ? client.agentId : undefined;
        const offline = author === 'visitor' && !hub.agentsOnline();
        let held: 'links' | 'repeated' | undefined;
        if (client.kind === 'visitor') {
          if (blocklist.isBlocked(client.visitorId, client.ipHash)) throw new AtiendeError('ATIENDE_ERR_BLOCKED', 403, BLOCKED_MESSAGE);
          const verdict = spam.check(c.id, frame.body);
          if (verdict.action === 'refuse') throw new AtiendeError('ATIENDE_ERR_RATE_LIMITED', 429, 'Too many messages in a minute (ATIENDE_LIMIT_MESSAGES_PER_MINUTE); wait a little');
          if (verdict.action === 'hold') held = verdict.reason;
        }
        // A trainee's reply in a team that reviews them waits for a lead instead (server/review).
        const reviewTeam = client.kind === 'agent' ? needsReview(db, c.id, client.agentId) : undefined;
        if (reviewTeam && agentId) {
          const draft = hold(db, { conversationId: c.id, teamId: reviewTeam, authorId: agentId, clientId: frame.clientId, body: frame.body });
          hub.toAgent(agentId, { type: 'review', draft });
          hub.toAgents({ type: 'reviews' });
          return;
        }
        // Acknowledged, and passed on, only once committed (with the messages that arrived alongside).
        return writer.append({
          conversationId: c.id, author, agentId, clientId: frame.clientId, body: frame.body, offline,
          ...(held ? { state: 'held' as const, heldReason: held } : {}),
        })
          .then(({ message, duplicate }) => {
            // A held message is committed and acknowledged like any other; only agents do not hear of it.
            hub.send(client, { type: 'ack', conversationId: c.id, clientId: frame.clientId, seq: message.seq, createdAt: message.createdAt, duplicate });
            if (duplicate || held) return;
            hub.follow(client, c.id);
            hub.toConversation(c.id, { type: 'message', message: withAgentName(db, message, agentId) }, client);
            hub.inboxChanged(c.id);
            if (author === 'agent') {
              app.events.emit('agent-replied', c.id);
              app.events.emit('agent-wrote', c.id, agentId);
            }
            else {
              scoreMood(c.id, c.locale, message.seq, message.body);
              app.events.emit('visitor-wrote', c.id, message.body);
            }
          });
      }
      case 'typing': {
        const c = allowed(client, frame.conversationId);
        hub.toConversation(c.id, { type: 'typing', conversationId: c.id, author: client.kind, typing: frame.typing }, client);
        return;
      }
      case 'read': {
        const c = allowed(client, frame.conversationId);
        hub.toConversation(c.id, { type: 'read', conversationId: c.id, author: client.kind, seq: Math.min(frame.seq, c.lastSeq) }, client);
        return;
      }
      case 'close': {
        if (client.kind !== 'agent') throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Only agents close conversations');
        const c = allowed(client, frame.conversationId);
        const updated = setConversationStatus(db, c.id, 'closed')!;
        app.events.emit('conversation-closed', updated.teamId, updated.assigneeId);
        hub.conversationChanged(updated.visitorId, { type: 'conversation', conversation: summarize(db, updated) });
        hub.inboxChanged(c.id);
        return;
      }
      case 'inbox': {
        if (client.kind !== 'agent') throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Only agents have an inbox');
        client.inbox = frame.follow;
        return;
      }
      case 'auto_answer_reply': {
        if (client.kind !== 'visitor') throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Only the visitor answers an automatic answer');
        const c = allowed(client, frame.conversationId);
        if (c.status !== 'open') throw new AtiendeError('ATIENDE_ERR_CONVERSATION_CLOSED', 409, 'This conversation is closed');
        autoAnswer.reply(c.id, frame.seq, frame.accepted);
        return;
      }
      case 'presence': {
        if (client.kind !== 'agent') throw new AtiendeError('ATIENDE_ERR_FORBIDDEN', 403, 'Only agents have a presence');
        hub.setStatus(client, frame.status);
        return;
      }
    }
  }
}
