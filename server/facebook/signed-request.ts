// Verifies the signed_request Facebook POSTs to a Page tab: `<signature>.<payload>`, both base64url,
// the signature an HMAC-SHA256 of the encoded payload with the app secret.
// https://developers.facebook.com/docs/games/gamesonfacebook/login#parsingsr
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequestOptions {
  appSecret: string | undefined;
  pageIds: readonly string[];
  maxAgeSeconds: number;
  /** Seconds since 1970; tests pass a fixed clock. */
  now?: number;
}

export interface TabRequest {
  pageId: string;
  /** Facebook's locale for the viewer, e.g. es_LA, when it sent one. */
  locale?: string;
  issuedAt: number;
  /** Whether the viewer likes the Page, when Facebook says. */
  liked?: boolean;
}

export type SignedRequestResult = { ok: true; request: TabRequest } | { ok: false; reason: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decode(part: string): Buffer | undefined {
  // Facebook omits the padding; Node's decoder would silently skip stray characters, so check first.
  if (!BASE64URL.test(part) || part.length % 4 === 1) return undefined;
  return Buffer.from(part, 'base64url');
}

export function verifySignedRequest(signedRequest: unknown, options: SignedRequestOptions): SignedRequestResult {
  const fail = (reason: string): SignedRequestResult => ({ ok: false, reason });
  if (!options.appSecret) return fail('FACEBOOK_APP_SECRET is not configured');
  if (typeof signedRequest !== 'string' || signedRequest === '') return fail('no signed_request');
  if (signedRequest.length > 8192) return fail('signed_request is too long');
  const dot = signedRequest.indexOf('.');
  if (dot < 1) return fail('signed_request is not <signature>.<payload>');
  const encodedSignature = signedRequest.slice(0, dot);
  const encodedPayload = signedRequest.slice(dot + 1);
  const signature = decode(encodedSignature);
  if (!signature) return fail('signature is not base64url');
  if (!encodedPayload || !decode(encodedPayload)) return fail('payload is not base64url');
  const expected = createHmac('sha256', options.appSecret).update(encodedPayload).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return fail('signature does not match');

  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(decode(encodedPayload)!.toString('utf8'));
  } catch {
    return fail('payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('payload is not an object');
  if (typeof payload.algorithm !== 'string' || payload.algorithm.toUpperCase() !== 'HMAC-SHA256') {
    return fail(`algorithm must be HMAC-SHA256, got ${JSON.stringify(payload.algorithm ?? null)}`);
  }
  const issuedAt = payload.issued_at;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt)) return fail('issued_at is missing');
  // A minute of clock skew forward; never older than the window.
  if (issuedAt > now + 60) return fail('issued_at is in the future');
  if (now - issuedAt > options.maxAgeSeconds) return fail(`issued_at is ${now - issuedAt} s old (FACEBOOK_MAX_AGE_SECONDS ${options.maxAgeSeconds})`);
  const page = payload.page as { id?: unknown; liked?: unknown } | undefined;
  const pageId = typeof page?.id === 'string' || typeof page?.id === 'number' ? String(page.id) : undefined;
  if (!pageId) return fail('page.id is missing (not loaded as a Page tab)');
  if (!options.pageIds.includes(pageId)) return fail(`page ${pageId} is not in FACEBOOK_PAGE_IDS`);
  const user = payload.user as { locale?: unknown } | undefined;
  return {
    ok: true,
    request: {
      pageId,
      issuedAt,
      ...(typeof user?.locale === 'string' ? { locale: user.locale } : {}),
      ...(typeof page?.liked === 'boolean' ? { liked: page.liked } : {}),
    },
  };
}

/** Facebook's es_ES, es_LA… are Spanish; everything else gets English. */
export function tabLocale(facebookLocale: string | undefined): 'es' | 'en' {
  return /^es(_|$)/i.test(facebookLocale ?? '') ? 'es' : 'en';
}

/** Signs a payload as Facebook does; for tests and local trials of the tab. */
export function signRequest(payload: object, appSecret: string): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${createHmac('sha256', appSecret).update(encoded).digest('base64url')}.${encoded}`;
}
