/** The layer order of src/ (eslint/layers.js; README.md, "Layers and errors") and no import cycles. */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function layerErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r.messages.filter((m) => m.ruleId === 'luoshi/layers').map((m) => m.message);
}

describe('layer order (ESLint luoshi/layers)', () => {
  it('fails a wrong-way import and passes the right way', { timeout: 60_000 }, async () => {
    expect(await layerErrors('src/ledger/fixture.ts', "import { listReports } from '../report/service.ts';\nexport const x = listReports;\n")).toEqual([
      expect.stringMatching(/^wrong-way import: ledger may not import the higher layer report/),
    ]);
    expect(await layerErrors('src/report/fixture.ts', "import { getRecord } from '../ledger/operations.ts';\nexport const x = getRecord;\n")).toEqual([]);
    expect(await layerErrors('src/db/fixture.ts', "export { audit } from '../audit/log.ts';\n")).toHaveLength(1);
  });

  it('keeps src/server to itself, but for the CLI starting the app', { timeout: 60_000 }, async () => {
    expect(await layerErrors('src/ledger/records/fixture.ts', "import { HttpError } from '../../server/errors.ts';\nexport const x = HttpError;\n")).toEqual([
      expect.stringMatching(/^only src\/server imports from src\/server/),
    ]);
    expect(await layerErrors('src/cli/commands/fixture.ts', "import { HttpError } from '../../server/errors.ts';\nexport const x = HttpError;\n")).toHaveLength(
      1,
    );
    expect(await layerErrors('src/cli/commands/serve.ts', "import { buildApp } from '../../server/app.ts';\nexport const x = buildApp;\n")).toEqual([]);
  });

  it('lets the web import only types and src/shared from the server side', { timeout: 60_000 }, async () => {
    expect(
      await layerErrors('src/web/pages/fixture.ts', "import { getRecord } from '../../ledger/operations.ts';\nexport const x = getRecord;\n"),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'src/web/pages/fixture.ts',
        "import type { RecordOut } from '../../ledger/operations.ts';\nimport { ROLES } from '../../shared/roles.ts';\nexport const x: RecordOut[] = [];\nexport const y = ROLES;\n",
      ),
    ).toEqual([]);
    // src/web/ledger is the web's own folder, not src/ledger.
    expect(await layerErrors('src/web/pages/fixture.ts', "import { StatusTag } from '../ledger/common.tsx';\nexport const x = StatusTag;\n")).toEqual([]);
    expect(await layerErrors('src/ledger/fixture.ts', "import { api } from '../web/api.ts';\nexport const x = api;\n")).toHaveLength(1);
  });
});

describe('no import cycles in src/', () => {
  it('no file reaches itself through its imports (type imports included)', () => {
    const graph = new Map<string, string[]>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const text = fs.readFileSync(p, 'utf8');
          graph.set(
            p,
            [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)].map((m) => path.resolve(path.dirname(p), m[1])),
          );
        }
      }
    };
    walk(path.join(root, 'src'));
    expect(graph.size).toBeGreaterThan(300);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map((x) => path.relative(root, x)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) if (graph.has(g)) visit(g, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
