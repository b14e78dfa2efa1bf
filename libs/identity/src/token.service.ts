import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ROLES, type TokenClaims, type TokenRole } from './identity.js';

export interface TokenSettings {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
}

/** Why a token was refused; the message is safe to show to the caller. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

const UNIT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Signs and verifies HS256 bearer tokens. The secret is turned into a `KeyObject` once: handing
 * `jsonwebtoken` a string makes it rebuild the key on every call (about 30× slower).
 * Verified tokens are remembered (by their full text, signature included) until they expire,
 * so a client's repeated requests are checked in a map lookup.
 */
export class TokenService {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(private readonly settings: TokenSettings) {
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  }

  sign(claims: TokenClaims, expiresInSeconds = 8 * 3600): string {
    checkClaims(claims);
    const { sub, ...rest } = claims;
    return jwt.sign(rest, this.key, {
      algorithm: 'HS256',
      subject: sub,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn: expiresInSeconds,
    });
  }

  /** @throws InvalidTokenError when the token is malformed, forged, expired or lacks required claims. */
  verify(token: string, nowMs = Date.now()): TokenClaims {
    const cached = this.verified.get(token);
    if (cached && cached.exp * 1000 > nowMs) return cached.claims;
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTimestamp: Math.floor(nowMs / 1000),
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidTokenError(`Bearer token rejected: ${(error as Error).message}`);
    }
    const claims = claimsOf(payload);
    if (typeof payload.exp !== 'number') throw new InvalidTokenError('Bearer token rejected: it has no expiry (exp)');
    this.remember(token, claims, payload.exp);
    return claims;
  }

  private remember(token: string, claims: TokenClaims, exp: number): void {
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, { claims, exp });
  }
}

function claimsOf(payload: jwt.JwtPayload): TokenClaims {
  const claims: TokenClaims = {
    sub: String(payload.sub ?? ''),
    role: payload.role as TokenRole,
    ...(typeof payload.unitId === 'string' ? { unitId: payload.unitId } : {}),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
  };
  try {
    checkClaims(claims);
  } catch (error) {
    throw new InvalidTokenError(`Bearer token rejected: ${(error as Error).message}`);
  }
  return claims;
}

function checkClaims(claims: TokenClaims): void {
  if (!claims.sub) throw new InvalidTokenError('the subject (sub) is missing');
  if (!ROLES.includes(claims.role)) throw new InvalidTokenError(`role must be one of ${ROLES.join(', ')}`);
  if (claims.role === 'unit' && !claims.unitId) throw new InvalidTokenError('a unit token must name its unitId');
  if (claims.unitId !== undefined && !UNIT_ID.test(claims.unitId)) throw new InvalidTokenError('unitId must be a kebab-case id');
}
