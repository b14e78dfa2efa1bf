import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

describe('Read-model lag in /health and /metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ worker: true });
    await registerCatalogueAndDirective(api);
  });
  afterAll(() => api.close());

  it('shows each read model in /health, caught up: no event and no millisecond behind the log', async () => {
    const deadline = Date.now() + 10_000;
    let body: { readModels: { projection: string; state: string; eventsBehind: number; msBehind: number }[] } | undefined;
    while (Date.now() < deadline) {
      body = (await api.request('GET', '/health')).body;
      if (body!.readModels.length === 5 && body!.readModels.every((m) => m.state === 'ready' && m.eventsBehind === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(body!.readModels.map((m) => [m.projection, m.state, m.eventsBehind, m.msBehind])).toEqual(
      ['directive-overview', 'unit-scoreboard', 'target-progress', 'escalations', 'unit-inbox'].map((name) => [name, 'ready', 0, 0]),
    );
  });

  it('counts how far each model is behind in /metrics', async () => {
    const text = String((await api.request('GET', '/metrics')).body);
    for (const name of ['directive-overview', 'unit-scoreboard', 'target-progress', 'escalations', 'unit-inbox']) {
      expect(text).toContain(`engine_read_model_lag_events{projection="${name}"} 0`);
      expect(text).toContain(`engine_read_model_lag_seconds{projection="${name}"} 0`);
    }
  });
});
