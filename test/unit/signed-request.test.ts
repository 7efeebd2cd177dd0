import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest, tabLocale, verifySignedRequest } from '../../server/facebook/signed-request.ts';

const secret = 'f00dfacef00dfacef00dfacef00dface';
const now = 1_800_000_000;
const options = { appSecret: secret, pageIds: ['1234567890'], maxAgeSeconds: 600, now };
const payload = { algorithm: 'HMAC-SHA256', issued_at: now - 5, page: { id: '1234567890', liked: true, admin: false }, user: { locale: 'es_LA', country: 'mx' } };
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const sign = (encodedPayload: string, key = secret, algo = 'sha256') => createHmac(algo, key).update(encodedPayload).digest('base64url');

describe('verifySignedRequest', () => {
  it('accepts a valid request and reads the page and locale', () => {
    const result = verifySignedRequest(signRequest(payload, secret), options);
    expect(result).toEqual({ ok: true, request: { pageId: '1234567890', issuedAt: now - 5, locale: 'es_LA', liked: true } });
  });

  it('accepts a numeric page id and splits at the first dot only', () => {
    const encoded = b64(JSON.stringify({ ...payload, page: { id: 1234567890 } }));
    expect(verifySignedRequest(`${sign(encoded)}.${encoded}`, options).ok).toBe(true);
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ['a tampered payload', (() => {
      const [sig] = signRequest(payload, secret).split('.');
      return `${sig}.${b64(JSON.stringify({ ...payload, page: { id: '1234567890', admin: true } }))}`;
    })(), /signature does not match/],
    ['a tampered signature', (() => {
      const [sig, body] = signRequest(payload, secret).split('.');
      const bytes = Buffer.from(sig!, 'base64url');
      bytes[0] ^= 1;
      return `${b64(bytes)}.${body}`;
    })(), /signature does not match/],
    ['another secret', signRequest(payload, 'another-secret-another-secret-00'), /signature does not match/],
    ['a truncated signature', (() => {
      const [sig, body] = signRequest(payload, secret).split('.');
      return `${sig!.slice(0, 20)}.${body}`;
    })(), /signature does not match/],
    ['algorithm HMAC-SHA1', (() => {
      const encoded = b64(JSON.stringify({ ...payload, algorithm: 'HMAC-SHA1' }));
      return `${sign(encoded, secret, 'sha1')}.${encoded}`;
    })(), /signature does not match/],
    ['algorithm HMAC-SHA1 declared, SHA-256 signed', signRequest({ ...payload, algorithm: 'HMAC-SHA1' }, secret), /algorithm must be HMAC-SHA256/],
    ['algorithm none', signRequest({ ...payload, algorithm: 'none' }, secret), /algorithm/],
    ['an unsigned "none" request', `.${b64(JSON.stringify({ ...payload, algorithm: 'none' }))}`, /not <signature>\.<payload>/],
    ['a missing algorithm', signRequest({ ...payload, algorithm: undefined }, secret), /algorithm/],
    ['a bad base64url signature', `ab+/cd==.${b64(JSON.stringify(payload))}`, /signature is not base64url/],
    ['a bad base64url payload', (() => `${sign('e30*')}.e30*`)(), /payload is not base64url/],
    ['a payload that is not JSON', (() => { const e = b64('not json'); return `${sign(e)}.${e}`; })(), /not JSON/],
    ['a stale issued_at', signRequest({ ...payload, issued_at: now - 601 }, secret), /old/],
    ['a future issued_at', signRequest({ ...payload, issued_at: now + 3600 }, secret), /future/],
    ['a missing issued_at', signRequest({ ...payload, issued_at: undefined }, secret), /issued_at/],
    ['an unknown page id', signRequest({ ...payload, page: { id: '999' } }, secret), /not in FACEBOOK_PAGE_IDS/],
    ['no page (not a Page tab)', signRequest({ ...payload, page: undefined }, secret), /page\.id is missing/],
    ['no dot', b64('x'), /not <signature>\.<payload>/],
    ['nothing', undefined, /no signed_request/],
    ['an array', ['a.b'], /no signed_request/],
  ];
  for (const [what, input, reason] of refused) {
    it(`refuses ${what}`, () => {
      const result = verifySignedRequest(input, options);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    });
  }

  it('refuses everything when no app secret is configured', () => {
    const result = verifySignedRequest(signRequest(payload, secret), { ...options, appSecret: undefined });
    expect(result).toEqual({ ok: false, reason: 'FACEBOOK_APP_SECRET is not configured' });
  });
});

describe('tabLocale', () => {
  it('maps Facebook locales to es and en', () => {
    expect(['es_ES', 'es_LA', 'en_US', 'en_GB', 'fr_FR', undefined].map(tabLocale)).toEqual(['es', 'es', 'en', 'en', 'en', 'en']);
  });
});
