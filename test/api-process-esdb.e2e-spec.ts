import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { EsdbTestPeer } from '#event-store/testing';
import { ChildProgram, compiled, freePort, getWithin, killAllPrograms, runToExit } from './support/processes.js';

const SECRET = 'api-process-secret-that-is-long-enough-0123456789';

/** The compiled API switched to EventStoreDB by configuration alone (EVENT_STORE, EVENTSTORE_CONNECTION_STRING). */
describe('The API process on EventStoreDB', () => {
  let peer: EsdbTestPeer;
  beforeAll(async () => {
    peer = await EsdbTestPeer.start();
  });
  afterAll(() => peer.stop());
  afterEach(() => killAllPrograms());

  it('connects to the server the connection string names and reports it healthy', async () => {
    const port = await freePort();
    const env = { HOST: '127.0.0.1', PORT: String(port), EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: peer.connectionString, LOG_LEVEL: 'info', JWT_SECRET: SECRET };
    const api = ChildProgram.start(compiled('apps/api/src/main.js'), { env });
    const url = `http://127.0.0.1:${port}`;
    await api.waitFor('the listening line', () => api.jsonLines().find((line) => line.url === url), 20_000);
    expect(api.jsonLines().find((line) => line.eventStore === 'esdb' && typeof line.connection === 'string')).toBeDefined();
    const health = await getWithin(`${url}/health`);
    expect(health.status).toBe(200);
    expect(health.json.checks.eventStore).toMatchObject({ status: 'up', kind: 'esdb' });
  });

  it('refuses to start, saying so, when the server does not answer', async () => {
    const port = await freePort();
    const unused = await freePort();
    const env = { HOST: '127.0.0.1', PORT: String(port), EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${unused}?tls=false`, LOG_LEVEL: 'info', JWT_SECRET: SECRET };
    const exit = await runToExit(compiled('apps/api/src/main.js'), { env, timeoutMs: 30_000 });
    expect(exit.code).not.toBe(0);
    expect(exit.stderr + exit.stdout).toMatch(/EventStoreDB/);
  });
});
