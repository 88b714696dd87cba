/** The resolution hook that loads kysely through its CommonJS build (src/util/cjs-builds.mjs). */
import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/util/cjs-builds.mjs';

type Ctx = { conditions: string[]; importAttributes: Record<string, string>; parentURL?: string };
const ctx: Ctx = { conditions: ['node', 'import', 'node-addons'], importAttributes: {}, parentURL: 'file:///app/src/db/kysely.ts' };

describe('cjs-builds resolve hook', () => {
  it('asks for kysely with the require condition instead of import, the rest of the context kept', async () => {
    const seen: [string, Ctx][] = [];
    const next = async (s: string, c: Ctx) => (seen.push([s, c]), { url: `file:///x/${s}` });
    expect(await resolve('kysely', ctx, next)).toEqual({ url: 'file:///x/kysely' });
    expect(seen).toEqual([['kysely', { ...ctx, conditions: ['node', 'require', 'node-addons'] }]]);
    expect(ctx.conditions).toEqual(['node', 'import', 'node-addons']); // not mutated
  });

  it('passes every other specifier through untouched (subpaths of kysely too)', async () => {
    for (const s of ['pg', 'kysely/helpers/postgres', './kysely', 'node:fs']) {
      const seen: [string, Ctx][] = [];
      await resolve(s, ctx, async (x: string, c: Ctx) => (seen.push([x, c]), { url: x }));
      expect(seen).toEqual([[s, ctx]]);
    }
  });

  it('makes a thread that registers it load kysely’s CommonJS build (one module), and without it the ES build', async () => {
    const { execFileSync } = await import('node:child_process');
    const hook = new URL('../../src/util/cjs-builds.mjs', import.meta.url).href;
    const probe = (withHook: boolean) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `${withHook ? `(await import('node:module')).register(${JSON.stringify(hook)});` : ''}
           const k = await import('kysely');
           console.log(JSON.stringify({ cjs: 'default' in k, api: typeof k.Kysely + typeof k.sql }));`,
        ],
        { cwd: new URL('../..', import.meta.url), encoding: 'utf8' },
      );
    expect(JSON.parse(probe(true))).toEqual({ cjs: true, api: 'functionfunction' });
    expect(JSON.parse(probe(false))).toEqual({ cjs: false, api: 'functionfunction' });
  });
});
