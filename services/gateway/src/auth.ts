/**
 * Bearer tokens: HS256 JWTs whose claims name the actor and the tenant. Full identity
 * federation comes later; what matters now is that actor and tenant come from a verified
 * token, never from the request body, and are stamped on every event.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ORG_ROLES, type Actor, type OrgRole, type Tenant } from '@collegium/domain';

export interface Principal {
  readonly actor: Actor;
  readonly tenant: Tenant;
  readonly name?: string | undefined;
}

const ISSUER = 'collegium';
const encoder = new TextEncoder();

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

const isOrgRole = (value: unknown): value is OrgRole => typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);

export const signToken = async (secret: string, principal: Principal, expiresIn = '30d'): Promise<string> =>
  new SignJWT({
    role: principal.actor.role,
    districtId: principal.tenant.districtId,
    ...(principal.tenant.institutionId ? { institutionId: principal.tenant.institutionId } : {}),
    ...(principal.name ? { name: principal.name } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.actor.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(encoder.encode(secret));

interface Verified {
  readonly principal: Principal;
  /** Epoch milliseconds of the token's `exp`. */
  readonly expiresAt: number;
}

const verify = async (key: Uint8Array, token: string, now = Date.now()): Promise<Verified> => {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: new Date(now) });
    const { sub, role, districtId, institutionId, name } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || !sub) throw new AuthError('token has no subject');
    if (!isOrgRole(role)) throw new AuthError('token has no valid role');
    if (typeof districtId !== 'string' || !districtId) throw new AuthError('token has no districtId');
    return {
      principal: {
        actor: { id: sub, role },
        tenant: { districtId, institutionId: typeof institutionId === 'string' ? institutionId : undefined },
        name: typeof name === 'string' ? name : undefined,
      },
      expiresAt: (payload.exp as number) * 1000,
    };
  } catch (error) {
    if (error instanceof AuthError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AuthError('token expired');
    throw new AuthError('invalid token');
  }
};

/** Verifies a token and returns its principal, or throws AuthError with a reason a client can act on. */
export const verifyToken = async (secret: string, token: string): Promise<Principal> => (await verify(encoder.encode(secret), token)).principal;

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * A verifier that remembers the tokens it verified: a client sends the same token with every
 * request, and an HMAC check and a JSON parse per request were a large share of a cached
 * dashboard answer. An entry is used only until its token expires; the memory is bounded.
 * Refused tokens are not remembered, so they are refused for the same reason every time.
 */
export const createTokenVerifier = (secret: string, limit = 10_000, now: () => number = Date.now): TokenVerifier => {
  const key = encoder.encode(secret);
  const verified = new Map<string, Verified>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.expiresAt > now()) return known.principal;
    if (known) verified.delete(token);
    const fresh = await verify(key, token, now());
    if (verified.size >= limit) verified.delete(verified.keys().next().value as string);
    verified.set(token, fresh);
    return fresh.principal;
  };
};

/** Reads `Authorization: Bearer <token>`; null when the header is absent. */
export const bearerToken = (header: string | undefined): string | null => {
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? null;
};
