// The console socket (/api/console/ws) as a ReactiveController: one socket per signed-in console,
// reconnected with exponential backoff and jitter, its frames handed out as events so the inbox and
// the open conversation each listen for their own. It closes its socket and timers in hostDisconnected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientFrame, ServerFrame } from '../protocol/chat.ts';
import { ServerFrameEvent } from './events.ts';

/** The server's WebSocket subprotocol (protocol/chat.ts CHAT_SUBPROTOCOL, kept here so TypeBox stays out of the bundle). */
const SUBPROTOCOL = 'atiende.chat.v1';
/** The server closes an agent's sockets with this code when they sign out. */
const SIGNED_OUT = 4001;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

export interface ConnectionOptions {
  /** Whether the session still holds; asked after a socket could not be opened (the upgrade gives no reason). */
  sessionValid: () => Promise<boolean>;
  /** The session ended (signed out here or elsewhere, or expired): the socket stays closed. */
  onSessionEnded: () => void;
}

export class ConsoleConnection extends EventTarget implements ReactiveController {
  status: ConnectionStatus = 'idle';

  private socket: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConnectionOptions,
  ) {
    super();
    host.addController(this);
  }

  /** Opens the socket (after sign-in); it then stays open, reconnecting, until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the socket and cancels any reconnection (sign-out, or the console is gone). */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'Console closed');
    this.setStatus('idle');
  }

  /** Sends a frame if the socket is open; false means it was not sent (the caller keeps it for later). */
  send(frame: ClientFrame): boolean {
    if (this.status !== 'open' || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  private connect(): void {
    const url = new URL('/api/console/ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, SUBPROTOCOL);
    this.socket = socket;
    let opened = false;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    socket.addEventListener('open', () => (opened = true));
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return; // the server only sends JSON; anything else is not ours to act on
      }
      if (frame.type === 'ready') {
        this.attempt = 0;
        this.setStatus('open');
      }
      this.dispatchEvent(new ServerFrameEvent(frame));
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket || !this.running) return;
      this.socket = undefined;
      if (event.code === SIGNED_OUT) return this.sessionEnded();
      this.setStatus('reconnecting');
      void this.reconnectLater(opened);
    });
  }

  private async reconnectLater(wasOpen: boolean): Promise<void> {
    // A refused upgrade looks like any lost connection; ask whether it was the session that ended.
    if (!wasOpen) {
      const valid = await this.options.sessionValid().catch(() => true);
      if (!this.running) return;
      if (!valid) return this.sessionEnded();
    }
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    this.attempt += 1;
    // Jitter spreads the reconnections of many consoles after a server restart.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) this.connect();
    }, delay);
  }

  private sessionEnded(): void {
    this.stop();
    this.options.onSessionEnded();
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.host.requestUpdate();
  }
}
