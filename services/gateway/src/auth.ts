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

/** Verifies a token and returns its principal, or throws AuthError with a reason a client can act on. */
export const verifyToken = async (secret: string, token: string): Promise<Principal> => {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    const { sub, role, districtId, institutionId, name } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || !sub) throw new AuthError('token has no subject');
    if (!isOrgRole(role)) throw new AuthError('token has no valid role');
    if (typeof districtId !== 'string' || !districtId) throw new AuthError('token has no districtId');
    return {
      actor: { id: sub, role },
      tenant: { districtId, institutionId: typeof institutionId === 'string' ? institutionId : undefined },
      name: typeof name === 'string' ? name : undefined,
    };
  } catch (error) {
    if (error instanceof AuthError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AuthError('token expired');
    throw new AuthError('invalid token');
  }
};

/** Reads `Authorization: Bearer <token>`; null when the header is absent. */
export const bearerToken = (header: string | undefined): string | null => {
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? null;
};
