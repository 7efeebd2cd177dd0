// A short signed ticket the tab page hands to the widget it renders, so that the consent and the
// conversations started there are recorded with channel "facebook" (and the Page) without a cookie:
// inside Facebook's iframe third-party cookies are often refused. Anyone can claim channel "web";
// only a ticket from a verified signed_request makes it "facebook".
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A visitor may leave the tab open for a working day. */
const TICKET_SECONDS = 12 * 60 * 60;

export interface ChannelTicket {
  channel: 'facebook';
  pageId: string;
}

// Derived, so the app secret itself never signs anything of ours.
const keyFrom = (appSecret: string) => createHmac('sha256', appSecret).update('atiende channel ticket v1').digest();

export function issueChannelTicket(pageId: string, appSecret: string, now = Date.now()): string {
  const body = `facebook.${pageId}.${Math.floor(now / 1000) + TICKET_SECONDS}`;
  return `${body}.${createHmac('sha256', keyFrom(appSecret)).update(body).digest('base64url')}`;
}

export function verifyChannelTicket(ticket: string | undefined, appSecret: string | undefined, now = Date.now()): ChannelTicket | undefined {
  if (!ticket || !appSecret) return undefined;
  const match = /^(facebook\.(\d{1,32})\.(\d{1,12}))\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!match) return undefined;
  const [, body, pageId, exp, signature] = match;
  const expected = createHmac('sha256', keyFrom(appSecret)).update(body!).digest();
  const given = Buffer.from(signature!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (Number(exp) * 1000 < now) return undefined;
  return { channel: 'facebook', pageId: pageId! };
}
