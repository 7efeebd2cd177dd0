// Keeps one conversation live over the visitor's WebSocket, for a Lit host. It fetches a single-use
// ticket, joins with the last sequence number seen, and on any loss reconnects with exponential
// backoff and jitter, asking for everything after that number again. Messages are kept once each, in
// sequence order; the visitor's own messages wait in an outbox (in memory) until their ack, so what
// is written offline goes out in order on reconnect, and a retry reuses the same client id, which the
// server answers with the original ack instead of storing a copy.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

import type { ChatMessage, ClientFrame, ConversationSummary, ServerFrame } from '../protocol/chat.ts';

export type LinkStatus = 'idle' | 'connecting' | 'online' | 'reconnecting';

export interface OutgoingMessage {
  clientId: string;
  body: string;
  createdAt: number;
  /** `sending` until acknowledged (also while offline); `failed` when refused or not acknowledged in time. */
  state: 'sending' | 'failed';
  /** Why it failed: the server's error code, or `timeout`. */
  error?: string;
}

/** "Ana joined the conversation", placed after the message it followed. */
export interface AgentNotice {
  afterSeq: number;
  agentName: string;
}

export interface ConnectionOptions {
  /** A single-use socket ticket, or `null` when the visitor's token is no longer valid. */
  ticket(): Promise<string | null>;
  socketUrl(ticket: string): string;
  /** The server no longer accepts the visitor's token (consent withdrawn, here or in another tab). */
  onUnauthorized(): void;
}

const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;
const JITTER = 0.3;
const ACK_TIMEOUT_MS = 10_000;
/** While the visitor keeps typing, `typing: true` is repeated at most this often... */
const TYPING_REPEAT_MS = 3_000;
/** ...and `typing: false` follows this long after the last keystroke. */
const TYPING_IDLE_MS = 4_000;
/** An agent's `typing: true` is forgotten after this, in case their `false` never comes. */
const AGENT_TYPING_MS = 8_000;

type Timer = ReturnType<typeof setTimeout> | undefined;

export class ChatConnection implements ReactiveController {
  status: LinkStatus = 'idle';
  conversationId: string | undefined;
  /** The latest summary: from `joined`, then from `conversation` frames (status, rating). */
  conversation: ConversationSummary | undefined;
  /** Committed messages, each once, in sequence order. */
  messages: ChatMessage[] = [];
  /** The visitor's messages not yet acknowledged, in the order written. */
  outbox: OutgoingMessage[] = [];
  notices: AgentNotice[] = [];
  agentsOnline: boolean | undefined;
  agentTyping = false;
  /** The highest sequence number the agent has seen. */
  agentReadSeq = 0;
  /** The last refusal not about one message (rate limit, a conversation that cannot be joined). */
  error: { code: string; message: string } | undefined;

  private socket: WebSocket | undefined;
  private ready = false;
  private joined = false;
  private connecting = false;
  private attached = false;
  private attempt = 0;
  /** Bumped whenever the socket is given up, so a ticket that arrives late is ignored. */
  private generation = 0;
  private retryTimer: Timer;
  private typingTimer: Timer;
  private agentTypingTimer: Timer;
  private readonly ackTimers = new Map<string, Timer>();
  private typingSince = 0;
  private readSent = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConnectionOptions,
  ) {
    host.addController(this);
  }

  get lastSeq(): number {
    return this.messages.length ? this.messages[this.messages.length - 1].seq : 0;
  }

  /** Follows a conversation: joins it now if connected, otherwise connects. */
  follow(conversationId: string): void {
    if (conversationId !== this.conversationId) {
      this.clearAckTimers();
      this.conversationId = conversationId;
      this.conversation = undefined;
      this.messages = [];
      this.outbox = [];
      this.notices = [];
      this.agentTyping = false;
      this.agentReadSeq = 0;
      this.readSent = 0;
      this.joined = false;
    }
    this.error = undefined;
    if (this.ready) this.join();
    else void this.connect();
    this.host.requestUpdate();
  }

  /** Writes a message: shown at once as sending, sent now or as soon as the socket is back. */
  send(body: string): void {
    const message: OutgoingMessage = { clientId: newClientId(), body, createdAt: Date.now(), state: 'sending' };
    this.outbox = [...this.outbox, message];
    this.typing(false);
    if (this.joined) this.transmit(message);
    else void this.connect();
    this.host.requestUpdate();
  }

  /** Sends a failed message again with the same client id. */
  retry(clientId: string): void {
    const message = this.outbox.find((m) => m.clientId === clientId);
    if (!message) return;
    message.state = 'sending';
    message.error = undefined;
    if (this.joined) this.transmit(message);
    else void this.connect();
    this.host.requestUpdate();
  }

  /** The visitor is typing (or stopped): throttled `typing` frames. */
  typing(active: boolean): void {
    clearTimeout(this.typingTimer);
    if (!active) {
      if (this.typingSince) this.frame({ type: 'typing', conversationId: this.conversationId!, typing: false });
      this.typingSince = 0;
      return;
    }
    const now = Date.now();
    if (now - this.typingSince > TYPING_REPEAT_MS && this.frame({ type: 'typing', conversationId: this.conversationId!, typing: true })) {
      this.typingSince = now;
    }
    this.typingTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
  }

  /** The visitor has seen everything up to `seq`. */
  read(seq: number): void {
    if (seq > this.readSent && this.frame({ type: 'read', conversationId: this.conversationId!, seq })) this.readSent = seq;
  }

  /** The visitor's answer to an automatic answer: yes resolves the conversation, no asks for a person. */
  answer(message: ChatMessage, accepted: boolean): void {
    if (this.frame({ type: 'auto_answer_reply', conversationId: this.conversationId!, seq: message.seq, accepted })) message.offer = false;
    this.host.requestUpdate();
  }

  /** Stops for good (consent withdrawn): no socket, no timers, nothing followed. */
  stop(): void {
    this.disconnect();
    this.conversationId = undefined;
    this.status = 'idle';
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.attached = true;
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    if (this.conversationId) void this.connect();
  }

  hostDisconnected(): void {
    this.attached = false;
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    this.disconnect();
  }

  /** Back online: try now rather than when the backoff says. */
  private readonly onOnline = (): void => {
    if (this.socket || !this.conversationId) return;
    this.attempt = 0;
    void this.connect();
  };

  /** Offline: a socket may look open for minutes before TCP notices; give it up and show it now. */
  private readonly onOffline = (): void => {
    const socket = this.socket;
    if (!socket) return;
    this.lost();
    socket.close();
  };

  private async connect(): Promise<void> {
    if (this.socket || this.connecting || !this.conversationId || !this.attached) return;
    clearTimeout(this.retryTimer);
    this.connecting = true;
    if (this.status === 'idle') this.status = 'connecting';
    const generation = ++this.generation;
    let ticket: string | null;
    try {
      ticket = await this.options.ticket();
    } catch {
      if (generation === this.generation) this.scheduleReconnect();
      return;
    }
    if (generation !== this.generation) return;
    this.connecting = false;
    if (ticket === null) {
      this.stop();
      this.options.onUnauthorized();
      return;
    }
    const socket = new WebSocket(this.options.socketUrl(ticket));
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      if (this.socket === socket) this.receive(event.data);
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.lost();
    });
  }

  private lost(): void {
    this.socket = undefined;
    this.ready = false;
    this.joined = false;
    this.agentTyping = false;
    // What was in flight stays in the outbox and goes again, with the same client id, after the re-join.
    this.clearAckTimers();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.connecting = false;
    this.status = 'reconnecting';
    this.host.requestUpdate();
    if (!this.attached || !this.conversationId) return;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt) * (1 - JITTER + Math.random() * 2 * JITTER);
    this.attempt = Math.min(this.attempt + 1, 16);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private disconnect(): void {
    this.generation++;
    this.connecting = false;
    const socket = this.socket;
    this.socket = undefined;
    this.ready = false;
    this.joined = false;
    socket?.close(1000);
    clearTimeout(this.retryTimer);
    clearTimeout(this.typingTimer);
    clearTimeout(this.agentTypingTimer);
    this.clearAckTimers();
    this.typingSince = 0;
  }

  private join(): void {
    this.joined = false;
    if (this.conversationId) this.frame({ type: 'join', conversationId: this.conversationId, afterSeq: this.lastSeq }, true);
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    const here = this.conversationId;
    switch (frame.type) {
      case 'ready':
        this.ready = true;
        this.agentsOnline = frame.agentsOnline;
        this.join();
        break;
      case 'joined':
        if (frame.conversation.id !== here) return;
        this.conversation = frame.conversation;
        // A message whose ack was lost with the old socket is committed already: no need to send it again.
        for (const message of frame.messages) if (message.author === 'visitor') this.settle(message.clientId);
        this.merge(frame.messages);
        this.joined = true;
        this.status = 'online';
        this.attempt = 0;
        for (const message of this.outbox) if (message.state === 'sending') this.transmit(message);
        break;
      case 'ack': {
        if (frame.conversationId !== here) return;
        const message = this.settle(frame.clientId);
        if (message) {
          this.merge([{ conversationId: here, seq: frame.seq, clientId: frame.clientId, author: 'visitor', body: message.body, createdAt: frame.createdAt }]);
        }
        break;
      }
      case 'message':
        if (frame.message.conversationId !== here) return;
        // The visitor's own message seen again (a re-join after a lost ack, or another tab): no longer pending.
        if (frame.message.author === 'visitor') this.settle(frame.message.clientId);
        else this.agentTyping = false;
        this.merge([frame.message]);
        break;
      case 'typing':
        if (frame.conversationId !== here || frame.author !== 'agent') return;
        this.agentTyping = frame.typing;
        clearTimeout(this.agentTypingTimer);
        if (frame.typing) {
          this.agentTypingTimer = setTimeout(() => {
            this.agentTyping = false;
            this.host.requestUpdate();
          }, AGENT_TYPING_MS);
        }
        break;
      case 'read':
        if (frame.conversationId === here && frame.author === 'agent') this.agentReadSeq = Math.max(this.agentReadSeq, frame.seq);
        break;
      case 'agent_joined':
        if (frame.conversationId === here) this.notices = [...this.notices, { afterSeq: this.lastSeq, agentName: frame.agentName }];
        break;
      case 'presence':
        this.agentsOnline = frame.agentsOnline;
        break;
      case 'conversation':
        if (frame.conversation.id === here) this.conversation = frame.conversation;
        break;
      case 'error': {
        const message = frame.ref ? this.outbox.find((m) => m.clientId === frame.ref) : undefined;
        if (message) {
          clearTimeout(this.ackTimers.get(message.clientId));
          message.state = 'failed';
          message.error = frame.code;
        } else {
          this.error = { code: frame.code, message: frame.message };
        }
        break;
      }
    }
    this.host.requestUpdate();
  }

  /** Adds messages not seen yet, keeping sequence order: a message delivered twice shows once. */
  private merge(incoming: ChatMessage[]): void {
    let messages = this.messages;
    for (const message of incoming) {
      if (messages.some((m) => m.seq === message.seq)) continue;
      if (messages === this.messages) messages = [...messages];
      let i = messages.length;
      while (i > 0 && messages[i - 1].seq > message.seq) i--;
      messages.splice(i, 0, message);
    }
    this.messages = messages;
  }

  /** Takes a message out of the outbox once the server has it. */
  private settle(clientId: string): OutgoingMessage | undefined {
    const message = this.outbox.find((m) => m.clientId === clientId);
    if (!message) return undefined;
    clearTimeout(this.ackTimers.get(clientId));
    this.ackTimers.delete(clientId);
    this.outbox = this.outbox.filter((m) => m !== message);
    return message;
  }

  private transmit(message: OutgoingMessage): void {
    if (!this.frame({ type: 'send', conversationId: this.conversationId!, clientId: message.clientId, body: message.body })) return;
    clearTimeout(this.ackTimers.get(message.clientId));
    this.ackTimers.set(
      message.clientId,
      setTimeout(() => {
        this.ackTimers.delete(message.clientId);
        if (message.state !== 'sending' || !this.outbox.includes(message)) return;
        message.state = 'failed';
        message.error = 'timeout';
        this.host.requestUpdate();
      }, ACK_TIMEOUT_MS),
    );
  }

  /** Sends a frame if the socket is ready (and, but for `join`, the conversation joined). */
  private frame(frame: ClientFrame, beforeJoin = false): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.ready || !this.conversationId || !(this.joined || beforeJoin)) {
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  private clearAckTimers(): void {
    for (const timer of this.ackTimers.values()) clearTimeout(timer);
    this.ackTimers.clear();
  }
}

/** 16 random bytes in base64url: works on plain-http pages too, where `crypto.randomUUID` does not exist. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
