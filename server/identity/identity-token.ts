// Verifies the identity token a company's backend signs for a signed-in customer: an HS256 JWT with
// ATIENDE_IDENTITY_SECRET, `sub` the customer's id in the company's systems, optional `name` and
// `email`, and `exp` at most 10 minutes ahead (a token that leaks is soon worthless).
import { errors, jwtVerify, SignJWT } from 'jose';

export const MAX_TOKEN_LIFETIME_SECONDS = 10 * 60;

export interface VerifiedIdentity {
  externalId: string;
  name?: string;
  email?: string;
}

export type IdentityResult = { ok: true; identity: VerifiedIdentity } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function verifyIdentityToken(token: string, secret: string | undefined, now = Date.now()): Promise<IdentityResult> {
  if (!secret) return { ok: false, reason: 'ATIENDE_IDENTITY_SECRET is not configured' };
  const nowSeconds = Math.floor(now / 1000);
  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now),
      clockTolerance: 30,
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'the token has expired' };
    if (err instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: 'the token must be signed with HS256' };
    if (err instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'the signature does not match' };
    if (err instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `claim ${err.claim}: ${err.message}` };
    return { ok: false, reason: 'the token is not a valid JWT' };
  }
  if (payload.exp! > nowSeconds + MAX_TOKEN_LIFETIME_SECONDS + 30) return { ok: false, reason: 'exp is more than 10 minutes ahead' };
  const sub = payload.sub!;
  if (sub.length < 1 || sub.length > 200) return { ok: false, reason: 'sub must be 1 to 200 characters' };
  const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim().slice(0, 100) : undefined;
  const email = typeof payload.email === 'string' && EMAIL.test(payload.email) && payload.email.length <= 200 ? payload.email : undefined;
  return { ok: true, identity: { externalId: sub, ...(name ? { name } : {}), ...(email ? { email } : {}) } };
}

/** What a company's backend does (and the tests): sign a customer's identity for the widget. */
export function signIdentityToken(
  identity: { sub: string; name?: string; email?: string },
  secret: string,
  expiresInSeconds = 300,
): Promise<string> {
  const { sub, ...claims } = identity;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));
}
