/**
 * The demo's voice in the engine: every scripted action goes through the real HTTP API, with the
 * bearer token of whoever acts (a unit, the secretariat, the monitor) and an Idempotency-Key, so a
 * request retried after a transient failure is recorded once.
 */
import { TokenService, type TokenClaims } from '#identity';
import { fetchRequester, type Requester, type SeedResponse } from '../seed-requests.js';

/** Who acts: `secretariat`, `monitor`, or a unit id. */
export type Who = string;

const ATTEMPTS = 4;

/** A request the engine refused (or never answered): the message names the action and the engine's code. */
export class DemoRequestError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: SeedResponse['body'],
  ) {
    super(`${what}: ${status || 'no answer'} ${body.code ?? ''} ${body.message ?? JSON.stringify(body)}`.trim());
    this.name = 'DemoRequestError';
  }
}

/** Mints (once) the token of each actor of the campaign, with the names the catalogue gives. */
export class DemoTokens {
  private readonly tokens = new Map<Who, string>();

  constructor(
    private readonly service: TokenService,
    private readonly unitNames: ReadonlyMap<string, string>,
    private readonly ttlSeconds = 8 * 3600,
  ) {}

  claims(who: Who): TokenClaims {
    if (who === 'secretariat') return { sub: 'demo:van-phong-tinh-uy', role: 'secretariat', name: 'Văn phòng Tỉnh ủy' };
    if (who === 'monitor') return { sub: 'demo:dang-uy-cong-an-tinh', role: 'monitor', name: 'Đảng ủy Công an tỉnh' };
    return { sub: `demo:${who}`, role: 'unit', unitId: who, name: this.unitNames.get(who) ?? who };
  }

  token(who: Who): string {
    let token = this.tokens.get(who);
    if (!token) this.tokens.set(who, (token = this.service.sign(this.claims(who), this.ttlSeconds)));
    return token;
  }
}

/** Transient: no answer, a server error, or a write that lost a race with another process (decided again on retry). */
const transient = (res: SeedResponse) => res.status === 0 || res.status >= 500 || (res.status === 409 && res.body.code === 'STORE.CONCURRENCY_CONFLICT');

export class DemoApi {
  private readonly requesters = new Map<Who, Requester>();

  constructor(
    readonly baseUrl: string,
    readonly tokens: DemoTokens,
  ) {}

  /** POSTs a command; resolves with the engine's answer (201) or throws a DemoRequestError. */
  async post(who: Who, path: string, body: unknown, key: string, what = `POST ${path}`): Promise<SeedResponse['body']> {
    const res = await this.send(who, 'POST', path, body, key);
    if (res.status !== 201) throw new DemoRequestError(what, res.status, res.body);
    return res.body;
  }

  /** GETs a view; throws a DemoRequestError unless 200. */
  async get<T>(who: Who, path: string): Promise<T> {
    const res = await this.send(who, 'GET', path, undefined);
    if (res.status !== 200) throw new DemoRequestError(`GET ${path}`, res.status, res.body);
    return res.body as T;
  }

  private async send(who: Who, method: 'GET' | 'POST', path: string, body: unknown, key?: string): Promise<SeedResponse> {
    let res: SeedResponse = { status: 0, body: {} };
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      res = await this.requester(who)(method, path, body, key).catch((error: unknown) => ({ status: 0, body: { message: (error as Error).message } }));
      if (!transient(res)) return res;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
    return res;
  }

  private requester(who: Who): Requester {
    let requester = this.requesters.get(who);
    if (!requester) this.requesters.set(who, (requester = fetchRequester(this.baseUrl, this.tokens.token(who))));
    return requester;
  }
}
