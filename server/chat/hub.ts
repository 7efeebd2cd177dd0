// Who is connected, and what each socket follows: routes frames to the sockets of a conversation,
// to every agent (the inbox), or to every visitor (presence). Slow readers are closed before their
// unsent frames pile up in memory.
import type { WebSocket } from 'ws';
import type { ConversationSummary, ServerFrame } from '../../protocol/chat.ts';

/** Close a socket whose unsent data passes this: a client that stopped reading. */
const MAX_BUFFERED_BYTES = 512 * 1024;
/** Inbox changes are gathered for this long, then sent as one frame per follower. */
const INBOX_FLUSH_MS = 25;
/**
 * Summaries read per period: the inbox's share of the event loop stays under a millisecond at a time
 * (each is a query of about 40 µs), instead of a burst of hundreds when every conversation is busy.
 */
const INBOX_MAX_PER_FLUSH = 25;
/** A conversation's summary goes out at most this often: a chat in full flow costs one summary a second. */
const INBOX_MIN_INTERVAL_MS = 1000;

export interface VisitorSocket {
  kind: 'visitor';
  socket: WebSocket;
  visitorId: string;
  conversations: Set<string>;
  /** The salted hash of the address the socket came from: a blocked address is refused too. */
  ipHash?: string;
}

export interface AgentSocket {
  kind: 'agent';
  socket: WebSocket;
  agentId: string;
  agentName: string;
  status: 'online' | 'away';
  /** Whether this socket receives every conversation's changes (the inbox); on by default. */
  inbox: boolean;
  conversations: Set<string>;
}

export type ChatSocket = VisitorSocket | AgentSocket;

export class ChatHub {
  private readonly visitors = new Set<VisitorSocket>();
  private readonly agents = new Set<AgentSocket>();
  private readonly byConversation = new Map<string, Set<ChatSocket>>();
  private lastPresence = false;
  private readonly changed = new Set<string>();
  /** When each conversation's summary last went out, oldest first (re-inserted on every send). */
  private readonly lastSummary = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** Called with an agent's id when one of their sockets opens or they set themselves online. */
  private readonly onlineListeners: ((agentId: string) => void)[] = [];

  /** `summaryOf` reads a conversation's current summary, for inbox updates. */
  constructor(private readonly summaryOf: (conversationId: string) => ConversationSummary | undefined) {}

  /** A conversation changed: agents following the inbox hear of it shortly, once per period. */
  inboxChanged(conversationId: string): void {
    this.changed.add(conversationId);
    this.flushTimer ??= setTimeout(() => this.flushInbox(), INBOX_FLUSH_MS);
  }

  private flushInbox(now = Date.now()): void {
    this.flushTimer = undefined;
    for (const [id, at] of this.lastSummary) {
      if (at > now - INBOX_MIN_INTERVAL_MS) break;
      this.lastSummary.delete(id);
    }
    const followers = [...this.agents].filter((a) => a.inbox);
    if (!followers.length) {
      this.changed.clear();
      return;
    }
    const conversations: ConversationSummary[] = [];
    for (const id of this.changed) {
      if (conversations.length >= INBOX_MAX_PER_FLUSH) break;
      // Sent less than a second ago: it stays changed and goes out with a later period.
      if (this.lastSummary.has(id)) continue;
      this.changed.delete(id);
      this.lastSummary.set(id, now);
      const summary = this.summaryOf(id);
      if (summary) conversations.push(summary);
    }
    if (this.changed.size) this.flushTimer = setTimeout(() => this.flushInbox(), INBOX_FLUSH_MS);
    if (!conversations.length) return;
    // One frame per follower per period, however many conversations changed.
    const data = JSON.stringify({ type: 'conversations', conversations } satisfies ServerFrame);
    for (const a of followers) this.sendRaw(a, data);
  }

  /** Stops the inbox timer (the server is closing). */
  stop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  add(client: ChatSocket): void {
    if (client.kind === 'visitor') this.visitors.add(client);
    else {
      this.agents.add(client);
      this.agentCameOnline(client.agentId);
    }
  }

  /** Listens for agents becoming available (auto-assignment). */
  onAgentOnline(listener: (agentId: string) => void): void {
    this.onlineListeners.push(listener);
  }

  private agentCameOnline(agentId: string): void {
    for (const listener of this.onlineListeners) listener(agentId);
  }

  /** `online` if any socket of the agent is online, `away` if all are away, undefined if none is open. */
  agentStatus(agentId: string): 'online' | 'away' | undefined {
    let status: 'away' | undefined;
    for (const a of this.agents) {
      if (a.agentId !== agentId) continue;
      if (a.status === 'online') return 'online';
      status = 'away';
    }
    return status;
  }

  remove(client: ChatSocket): void {
    for (const id of client.conversations) this.byConversation.get(id)?.delete(client);
    if (client.kind === 'visitor') this.visitors.delete(client);
    else {
      this.agents.delete(client);
      this.presenceChanged();
    }
  }

  follow(client: ChatSocket, conversationId: string): boolean {
    const set = this.byConversation.get(conversationId) ?? new Set();
    const isNew = !set.has(client);
    set.add(client);
    this.byConversation.set(conversationId, set);
    client.conversations.add(conversationId);
    return isNew;
  }

  agentsOnline(): boolean {
    for (const a of this.agents) if (a.status === 'online') return true;
    return false;
  }

  /** Whether this agent follows the conversation on any of their sockets. */
  agentFollows(conversationId: string, agentId: string): boolean {
    for (const c of this.byConversation.get(conversationId) ?? []) if (c.kind === 'agent' && c.agentId === agentId) return true;
    return false;
  }

  /** Whether any socket of this visitor is connected. */
  visitorConnected(visitorId: string): boolean {
    for (const v of this.visitors) if (v.visitorId === visitorId) return true;
    return false;
  }

  send(client: ChatSocket, frame: ServerFrame): void {
    this.sendRaw(client, JSON.stringify(frame));
  }

  toConversation(conversationId: string, frame: ServerFrame, except?: ChatSocket): void {
    const data = JSON.stringify(frame);
    for (const c of this.byConversation.get(conversationId) ?? []) if (c !== except) this.sendRaw(c, data);
  }

  /** To the agents following a conversation (not its visitor). */
  toAgentsOf(conversationId: string, frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    for (const c of this.byConversation.get(conversationId) ?? []) if (c.kind === 'agent') this.sendRaw(c, data);
  }

  /**
   * A conversation's new state, to its owner's sockets and to every visitor socket following it (the
   * other devices of a verified customer), each once.
   */
  conversationChanged(ownerVisitorId: string, frame: ServerFrame & { type: 'conversation' }): void {
    const data = JSON.stringify(frame);
    const reached = new Set<ChatSocket>();
    for (const v of this.visitors) if (v.visitorId === ownerVisitorId) reached.add(v);
    for (const c of this.byConversation.get(frame.conversation.id) ?? []) if (c.kind === 'visitor') reached.add(c);
    for (const c of reached) this.sendRaw(c, data);
  }

  /** To every socket of one agent. */
  toAgent(agentId: string, frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    for (const a of this.agents) if (a.agentId === agentId) this.sendRaw(a, data);
  }

  /** To every agent socket (staff-only notices: mentions changed). */
  toAgents(frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    for (const a of this.agents) this.sendRaw(a, data);
  }

  /** To the visitor's sockets, whether or not they follow the conversation. */
  toVisitor(visitorId: string, frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    for (const v of this.visitors) if (v.visitorId === visitorId) this.sendRaw(v, data);
  }

  /** An agent's status applies to all their open sockets. A new socket starts online; the console
   * re-sends its status after reconnecting. */
  setStatus(agent: AgentSocket, status: 'online' | 'away'): void {
    for (const a of this.agents) if (a.agentId === agent.agentId) a.status = status;
    this.presenceChanged();
    if (status === 'online') this.agentCameOnline(agent.agentId);
  }

  /** Tells every visitor when someone becomes available or nobody is any more. */
  presenceChanged(): void {
    const online = this.agentsOnline();
    if (online === this.lastPresence) return;
    this.lastPresence = online;
    const data = JSON.stringify({ type: 'presence', agentsOnline: online } satisfies ServerFrame);
    for (const v of this.visitors) this.sendRaw(v, data);
    for (const a of this.agents) this.sendRaw(a, data);
  }

  closeAgent(agentId: string, reason: string): void {
    for (const a of [...this.agents]) if (a.agentId === agentId) a.socket.close(4001, reason);
  }

  closeVisitor(visitorId: string, reason: string): void {
    for (const v of [...this.visitors]) if (v.visitorId === visitorId) v.socket.close(4003, reason);
  }

  get counts() {
    return { visitors: this.visitors.size, agents: this.agents.size };
  }

  private sendRaw(client: ChatSocket, data: string): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      // A client that does not read would not read a closing handshake either: drop the connection.
      socket.terminate();
      return;
    }
    socket.send(data);
  }
}
