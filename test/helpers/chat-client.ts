// Real HTTP and WebSocket clients for chat tests: a visitor who consents, an agent who signs in,
// and a socket whose frames can be awaited one by one.
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../protocol/chat.ts';

export class FrameSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  closed: { code: number; reason: string } | undefined;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(frame);
      for (const w of [...this.waiters]) {
        if (w.match(frame)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on('close', (code, reason) => { this.closed = { code, reason: String(reason) }; });
  }

  /** The first frame (already received or to come) that matches, consumed so it is not matched twice. */
  next<T extends ServerFrame['type']>(type: T, where: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true, ms = 5000): Promise<Extract<ServerFrame, { type: T }>> {
    const match = (f: ServerFrame) => f.type === type && where(f as Extract<ServerFrame, { type: T }>);
    const i = this.frames.findIndex(match);
    if (i >= 0) return Promise.resolve(this.frames.splice(i, 1)[0] as Extract<ServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${ms} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`)), ms);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  send(frame: object | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  waitClosed(ms = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket not closed')), ms);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: String(reason) });
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export function openSocket(url: string, headers: Record<string, string> = {}): Promise<FrameSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const fs = new FrameSocket(ws);
    ws.once('open', () => resolve(fs));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode })));
    ws.once('error', reject);
  });
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface Visitor {
  token: string;
  visitorId: string;
  auth: Record<string, string>;
}

export async function consent(base: string, locale: 'es' | 'en' = 'es', extra: Record<string, string> = {}): Promise<Visitor> {
  const cfg = await json(await fetch(`${base}/api/chat/config?locale=${locale}`));
  const res = await fetch(`${base}/api/chat/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ locale, channel: 'web', pageUrl: `${base}/pricing`, purpose: 'support_chat', consentVersion: cfg.consent.version, consentHash: cfg.consent.hash, ...extra }),
  });
  if (res.status !== 201) throw new Error(`consent: ${res.status} ${await res.text()}`);
  const body = await json(res);
  return { token: body.visitorToken, visitorId: body.visitorId, auth: { authorization: `Bearer ${body.visitorToken}` } };
}

export async function startConversation(base: string, v: Visitor, searches: string[] = []): Promise<string> {
  const res = await fetch(`${base}/api/chat/conversations`, {
    method: 'POST',
    headers: { ...v.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ locale: 'es', context: { searches, articles: [], pageUrl: `${base}/pricing` } }),
  });
  if (!res.ok) throw new Error(`start: ${res.status} ${await res.text()}`);
  return (await json(res)).conversation.id;
}

export async function visitorSocket(base: string, v: Visitor, headers: Record<string, string> = {}): Promise<FrameSocket> {
  const { ticket } = await json(await fetch(`${base}/api/chat/tickets`, { method: 'POST', headers: v.auth }));
  const socket = await openSocket(`${base.replace(/^http/, 'ws')}/api/chat/ws?ticket=${ticket}`, headers);
  await socket.next('ready');
  return socket;
}

export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign in: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export async function agentSocket(base: string, cookie: string): Promise<FrameSocket> {
  const socket = await openSocket(`${base.replace(/^http/, 'ws')}/api/console/ws`, { cookie, origin: base });
  await socket.next('ready');
  return socket;
}

let n = 0;
export const clientId = () => `c${Date.now().toString(36)}${(n++).toString(36).padStart(4, '0')}`;
