import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signIdentityToken, verifyIdentityToken } from '../../server/identity/identity-token.ts';

const secret = 'identity-secret-identity-secret-0123';
const key = new TextEncoder().encode(secret);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const inMinutes = (m: number) => Math.floor(Date.now() / 1000) + m * 60;

describe('verifyIdentityToken', () => {
  it('accepts a valid token and reads sub, name and email', async () => {
    const token = await signIdentityToken({ sub: 'cust-42', name: 'Lucía Pérez', email: 'lucia@example.com' }, secret);
    expect(await verifyIdentityToken(token, secret)).toEqual({
      ok: true, identity: { externalId: 'cust-42', name: 'Lucía Pérez', email: 'lucia@example.com' },
    });
  });

  it('drops an email that is not one', async () => {
    const token = await signIdentityToken({ sub: 'cust-42', email: 'not an email' }, secret);
    expect(await verifyIdentityToken(token, secret)).toEqual({ ok: true, identity: { externalId: 'cust-42' } });
  });

  const cases: Array<[string, () => Promise<string>, RegExp]> = [
    ['a tampered payload', async () => {
      const [h, , s] = (await signIdentityToken({ sub: 'cust-42' }, secret)).split('.');
      return `${h}.${b64({ sub: 'cust-1', exp: inMinutes(5) })}.${s}`;
    }, /signature/],
    ['a tampered signature', async () => {
      const token = await signIdentityToken({ sub: 'cust-42' }, secret);
      return token.slice(0, -2) + (token.endsWith('AA') ? 'AB' : 'AA');
    }, /signature|valid/],
    ['an expired token', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setExpirationTime(inMinutes(-5)).sign(key), /expired/],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'cust-42', exp: inMinutes(5) })}.`, /HS256|valid/],
    ['alg HS512 with the same secret', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('c').setExpirationTime(inMinutes(5)).sign(key), /HS256/],
    ['a wrong secret', async () => signIdentityToken({ sub: 'cust-42' }, 'another-secret-another-secret-000'), /signature/],
    ['exp too far ahead', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setExpirationTime(inMinutes(60)).sign(key), /10 minutes/],
    ['no exp', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('c').sign(key), /exp/],
    ['no sub', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(inMinutes(5)).sign(key), /sub/],
    ['a hand-made HS256 token with a bad header', async () => {
      const body = `${b64({ alg: 'HS256' }).slice(1)}.${b64({ sub: 'c', exp: inMinutes(5) })}`;
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    }, /valid/],
    ['garbage', async () => 'not.a.jwt', /valid/],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses ${what}`, async () => {
      const result = await verifyIdentityToken(await make(), secret);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    });
  }

  it('refuses everything without a configured secret', async () => {
    const token = await signIdentityToken({ sub: 'cust-42' }, secret);
    expect(await verifyIdentityToken(token, undefined)).toEqual({ ok: false, reason: 'ATIENDE_IDENTITY_SECRET is not configured' });
  });
});
