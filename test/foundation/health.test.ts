import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

/** GET /api/health: up/down for anyone; the event loop's delay and the alert jobs for operators only. */
describe(`${dialectName}: health`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('tells anonymous callers and business users only that the server is up', async () => {
    expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ ok: true });
    expect((await (await t.as('jiwei'))({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
    expect((await (await t.as('shenji'))({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
  });

  it('shows the operators the event-loop delay and the background alert jobs', async () => {
    await new Promise((r) => setTimeout(r, 100)); // a few samples
    for (const who of ['admin', 'anquan']) {
      const h = (await (await t.as(who))({ method: 'GET', url: '/api/health' })).json();
      expect(h).toMatchObject({ ok: true, db: dialectName, alertJobs: { running: null, last: null } });
      for (const w of [h.eventLoopDelayMs.sinceStart, h.eventLoopDelayMs.lastMinute]) {
        expect(Object.keys(w).sort()).toEqual(['max', 'mean', 'p50', 'p99', 'seconds']);
        expect(w.max).toBeGreaterThanOrEqual(w.p99);
        expect(w.seconds).toBeGreaterThan(0);
      }
    }
  });
});
