import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/util/coalesce.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Coalescer', () => {
  it('runs once for a lone caller, and again for a later one', async () => {
    const c = new Coalescer<number>();
    const scope = {};
    let runs = 0;
    expect(await c.run(scope, 'k', async () => ++runs)).toBe(1);
    expect(await c.run(scope, 'k', async () => ++runs)).toBe(2);
    expect(c.pending(scope)).toBe(0);
  });

  it('shares one queued run among callers that arrive while a run is in progress', async () => {
    const c = new Coalescer<number>();
    const scope = {};
    let runs = 0;
    const started: number[] = [];
    const f = async () => {
      const n = ++runs;
      started.push(Date.now());
      await tick();
      return n;
    };
    const first = c.run(scope, 'k', f);
    const later = Array.from({ length: 8 }, () => c.run(scope, 'k', f));
    const results = await Promise.all([first, ...later]);
    expect(runs).toBe(2);
    expect(results).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(c.pending(scope)).toBe(0);
  });

  it('keeps keys and scopes apart', async () => {
    const c = new Coalescer<string>();
    const a = {};
    const b = {};
    const seen: string[] = [];
    const f = (s: string) => async () => {
      seen.push(s);
      await tick();
      return s;
    };
    const r = await Promise.all([c.run(a, 'x', f('ax')), c.run(a, 'y', f('ay')), c.run(b, 'x', f('bx'))]);
    expect(r).toEqual(['ax', 'ay', 'bx']);
    expect(seen.sort()).toEqual(['ax', 'ay', 'bx']);
  });

  it('a failed run fails its callers only; the queued run still starts', async () => {
    const c = new Coalescer<number>();
    const scope = {};
    let runs = 0;
    const first = c.run(scope, 'k', async () => {
      runs++;
      await tick();
      throw new Error('boom');
    });
    const second = c.run(scope, 'k', async () => ++runs);
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
  });
});
