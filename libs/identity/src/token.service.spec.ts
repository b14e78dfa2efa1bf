import { afterEach, describe, expect, it, jest } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { InvalidTokenError, TokenService, type TokenSettings } from './token.service.js';

const SETTINGS: TokenSettings = { secret: 'token-service-spec-secret-long-enough-0123456789', issuer: 'directive-engine', audience: 'directive-engine' };
const NOW_MS = Date.UTC(2021, 3, 14, 2, 0, 0);
const NOW_S = NOW_MS / 1000;

/** Signs a token directly with jsonwebtoken, as the engine would unless the case says otherwise. */
function craft(claims: object, options: jwt.SignOptions = {}, secret: string = SETTINGS.secret): string {
  return jwt.sign({ iat: NOW_S, ...claims }, secret, {
    algorithm: 'HS256',
    issuer: SETTINGS.issuer,
    audience: SETTINGS.audience,
    subject: 'unit:rach-gia',
    expiresIn: 600,
    ...options,
  });
}

/** The InvalidTokenError `verify` throws; fails the test when it accepts the token. */
function refusalOf(tokens: TokenService, token: string, nowMs = NOW_MS): InvalidTokenError {
  let claims: unknown;
  try {
    claims = tokens.verify(token, nowMs);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return error as InvalidTokenError;
  }
  throw new Error(`expected the token to be refused, it was accepted with ${JSON.stringify(claims)}`);
}

describe('TokenService', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('verifies what it signed, giving back the claims', () => {
    const tokens = new TokenService(SETTINGS);
    const claims = { sub: 'unit:rach-gia', role: 'unit' as const, unitId: 'rach-gia', name: 'Thành ủy Rạch Giá' };
    const token = tokens.sign(claims);
    expect(tokens.verify(token)).toEqual(claims);
    const payload = jwt.decode(token, { complete: true })!;
    expect(payload.header.alg).toBe('HS256');
    expect(payload.payload).toMatchObject({ sub: 'unit:rach-gia', iss: SETTINGS.issuer, aud: SETTINGS.audience, role: 'unit', unitId: 'rach-gia' });
  });

  it('verifies a token signed by another instance with the same settings, and a token without optional claims', () => {
    const token = new TokenService(SETTINGS).sign({ sub: 'monitor:local', role: 'monitor' });
    expect(new TokenService(SETTINGS).verify(token)).toEqual({ sub: 'monitor:local', role: 'monitor' });
  });

  it('signs tokens that expire after the lifetime asked for (8 hours by default)', () => {
    const tokens = new TokenService(SETTINGS);
    const byDefault = jwt.decode(tokens.sign({ sub: 'admin:local', role: 'admin' })) as jwt.JwtPayload;
    expect(byDefault.exp! - byDefault.iat!).toBe(8 * 3600);
    const short = jwt.decode(tokens.sign({ sub: 'admin:local', role: 'admin' }, 60)) as jwt.JwtPayload;
    expect(short.exp! - short.iat!).toBe(60);
  });

  describe('a unit token without unitId', () => {
    it('is refused at signing', () => {
      const tokens = new TokenService(SETTINGS);
      expect(() => tokens.sign({ sub: 'unit:x', role: 'unit' })).toThrow(InvalidTokenError);
      expect(() => tokens.sign({ sub: 'unit:x', role: 'unit' })).toThrow(/unitId/);
    });

    it('is refused at verification even when properly signed', () => {
      const error = refusalOf(new TokenService(SETTINGS), craft({ role: 'unit' }));
      expect(error.message).toMatch(/unitId/);
    });
  });

  it.each([
    ['an unknown role', () => craft({ role: 'governor' }), /role/],
    ['no subject', () => jwt.sign({ role: 'monitor', iat: NOW_S }, SETTINGS.secret, { algorithm: 'HS256', issuer: SETTINGS.issuer, audience: SETTINGS.audience, expiresIn: 600 }), /sub/],
    ['a unitId that is not a kebab-case id', () => craft({ role: 'unit', unitId: 'Rach Gia' }), /unitId/],
  ] as [string, () => string, RegExp][])('refuses a properly signed token with %s', (_case, token, message) => {
    expect(refusalOf(new TokenService(SETTINGS), token()).message).toMatch(message);
  });

  describe('refuses with InvalidTokenError', () => {
    const tokens = new TokenService(SETTINGS);

    it('an expired token', () => {
      const token = craft({ role: 'unit', unitId: 'rach-gia' }, { expiresIn: 60 });
      expect(tokens.verify(token, NOW_MS + 59_000)).toMatchObject({ unitId: 'rach-gia' });
      expect(refusalOf(new TokenService(SETTINGS), token, NOW_MS + 61_000).message).toMatch(/expired/);
    });

    it('a token signed with another secret', () => {
      const token = new TokenService({ ...SETTINGS, secret: 'another-secret-that-is-long-enough-9876543210' }).sign({ sub: 'admin:x', role: 'admin' });
      expect(refusalOf(tokens, token, Date.now()).message).toMatch(/signature/);
    });

    it('a token of another issuer', () => {
      const token = new TokenService({ ...SETTINGS, issuer: 'someone-else' }).sign({ sub: 'admin:x', role: 'admin' });
      expect(refusalOf(tokens, token, Date.now()).message).toMatch(/issuer/);
    });

    it('a token for another audience', () => {
      const token = new TokenService({ ...SETTINGS, audience: 'someone-else' }).sign({ sub: 'admin:x', role: 'admin' });
      expect(refusalOf(tokens, token, Date.now()).message).toMatch(/audience/);
    });

    it('an unsigned token (alg none)', () => {
      const token = jwt.sign({ role: 'admin', iat: NOW_S }, '', { algorithm: 'none', issuer: SETTINGS.issuer, audience: SETTINGS.audience, subject: 'admin:x', expiresIn: 600 });
      expect(token.split('.')[2]).toBe('');
      refusalOf(tokens, token);
    });

    it('a token with an HS256 header and the signature stripped', () => {
      const [header, payload] = craft({ role: 'admin' }).split('.');
      refusalOf(tokens, `${header}.${payload}.`);
    });

    it('a token without expiry', () => {
      const token = jwt.sign({ role: 'admin', iat: NOW_S }, SETTINGS.secret, { algorithm: 'HS256', issuer: SETTINGS.issuer, audience: SETTINGS.audience, subject: 'admin:x' });
      expect(refusalOf(tokens, token).message).toMatch(/exp/);
    });

    it('garbage', () => {
      refusalOf(tokens, 'not.a.token');
      refusalOf(tokens, '');
    });
  });

  describe('the cache of verified tokens', () => {
    it('answers a verified token from the cache, without checking the signature again', () => {
      const tokens = new TokenService(SETTINGS);
      const token = craft({ role: 'unit', unitId: 'rach-gia' });
      const verify = jest.spyOn(jwt, 'verify');
      const first = tokens.verify(token, NOW_MS);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(tokens.verify(token, NOW_MS + 1000)).toEqual(first);
      expect(tokens.verify(token, NOW_MS + 599_999)).toEqual(first);
      expect(verify).toHaveBeenCalledTimes(1);
    });

    it('refuses a cached token once it has expired', () => {
      const tokens = new TokenService(SETTINGS);
      const token = craft({ role: 'unit', unitId: 'rach-gia' }, { expiresIn: 600 });
      expect(tokens.verify(token, NOW_MS)).toMatchObject({ role: 'unit', unitId: 'rach-gia' });
      expect(refusalOf(tokens, token, (NOW_S + 600) * 1000).message).toMatch(/expired/);
      expect(refusalOf(tokens, token, (NOW_S + 601) * 1000).message).toMatch(/expired/);
    });

    it('does not let a cached token stand for another one', () => {
      const tokens = new TokenService(SETTINGS);
      const token = craft({ role: 'unit', unitId: 'rach-gia' });
      tokens.verify(token, NOW_MS);
      const [header, payload, signature] = token.split('.');
      const forged = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
      refusalOf(tokens, forged);
    });
  });
});
