/**
 * The repository explains itself: no comment, test or document points at a file outside it
 * (a sibling `../shared/…` folder, one machine's absolute path) or at a document it does not have.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');
const DIRS = ['src', 'test', 'scripts', 'bench', 'docs'];
const TEXT = /\.(ts|tsx|js|mjs|cjs|sh|md|txt|json|ya?ml|css|html)$/;
const SELF = path.relative(ROOT, new URL(import.meta.url).pathname);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(rel));
    else if (TEXT.test(e.name) && rel !== SELF) out.push(rel);
  }
  return out;
}
const ALL = [...DIRS.flatMap(files), 'README.md'];
const MD_NAMES = new Set(ALL.filter((f) => f.endsWith('.md')).map((f) => path.basename(f)));

const inside = (p: string) => !path.relative(ROOT, p).startsWith('..');

export interface Outside {
  file: string;
  line: number;
  text: string;
}

/**
 * What in one file points outside the repository: absolute paths of a machine, `shared/docs`,
 * and a relative path to a `shared` folder that climbs out of it. A module specifier
 * (`from '…'`, `import('…')`) is resolved from the file's folder (src/shared is the repository's
 * own); any other (comments, strings handed to path.resolve) from the repository root, where
 * tests and scripts run.
 */
export function outsidePointers(file: string, text: string): Outside[] {
  const out: Outside[] = [];
  text.split('\n').forEach((line, i) => {
    const hit = (t: string) => out.push({ file, line: i + 1, text: t });
    for (const m of line.matchAll(/(?<![\w.~-])\/(?:work|home|Users|root)\/[^\s'"`)]*/g)) hit(m[0]);
    for (const m of line.matchAll(/shared\/docs\b[^\s'"`)]*/g)) hit(m[0]);
    const specifier = /\bfrom\s+['"]|\bimport\s*\(\s*['"]|\bimport\s+['"]/.test(line);
    for (const m of line.matchAll(/(?<![\w/.])(?:\.\.\/)+shared\b[^\s'"`)]*/g)) {
      const base = specifier ? path.dirname(path.join(ROOT, file)) : ROOT;
      if (!inside(path.resolve(base, m[0]))) hit(m[0]);
    }
  });
  return out;
}

const COMMENT = /^\s*(\*|\/\/|\/\*|#)/;

/**
 * Documents cited that the repository does not have: any `docs/….md` path, a bare `x.md` in a
 * code comment, and a Markdown link to a `.md` file.
 */
export function missingDocs(file: string, text: string): Outside[] {
  const out: Outside[] = [];
  const md = file.endsWith('.md');
  text.split('\n').forEach((line, i) => {
    const cite = (whole: string, exists: boolean) => {
      if (!exists) out.push({ file, line: i + 1, text: whole });
    };
    for (const m of line.matchAll(/(?<![\w/.-])docs\/[\w/.-]+\.md\b/g)) cite(m[0], fs.existsSync(path.join(ROOT, m[0])));
    if (md) {
      for (const m of line.matchAll(/\]\(([\w./-]+\.md)(?:#[^)]*)?\)/g)) cite(m[1], fs.existsSync(path.resolve(path.dirname(path.join(ROOT, file)), m[1])));
    } else if (COMMENT.test(line)) {
      for (const m of line.matchAll(/(?<![\w/.-])([\w-]+\.md)\b/g)) cite(m[1], MD_NAMES.has(m[1]));
    }
  });
  return out;
}

describe('no file points outside the repository', () => {
  it('finds what it looks for (the checks can fail)', () => {
    // Built from parts, so that this file does not itself hold the pointer it tests for.
    const docs = ['shared', 'docs', 'catalog.md'].join('/');
    expect(outsidePointers('src/x/y.ts', ` * Formats: ../${docs}`).map((o) => o.text)).toEqual([docs, `../${docs}`]);
    expect(outsidePointers('test/x.test.ts', "const SEED = '/work/shared/seed/000.txt';").map((o) => o.text)).toEqual(['/work/shared/seed/000.txt']);
    expect(outsidePointers('test/x.test.ts', "const s = path.resolve('../shared/seed/a.txt');").map((o) => o.text)).toEqual(['../shared/seed/a.txt']);
    expect(outsidePointers('src/catalog/x.ts', "import type { Line } from '../shared/roles.ts';")).toEqual([]);
    expect(outsidePointers('src/x.ts', "import { a } from '../../shared/a.ts';").map((o) => o.text)).toEqual(['../../shared/a.ts']);
    expect(outsidePointers('test/x.test.ts', "vi.doMock('../../src/metrics/catalog.ts')")).toEqual([]);
    expect(outsidePointers('docs/x.md', 'see src/web/pages/home/ and https://example.org/home/x')).toEqual([]);
    expect(missingDocs('src/x.ts', ' * (domain-rules.md, § 2) and docs/docx-format.md and docs/domain.md').map((o) => o.text)).toEqual([
      'docs/docx-format.md',
      'domain-rules.md',
    ]);
    expect(missingDocs('docs/x.md', 'see [rules](rules.md#a) and [fmt](docx-format.md)').map((o) => o.text)).toEqual(['docx-format.md']);
    expect(missingDocs('src/x.ts', "const name = 'report.md';")).toEqual([]);
  });

  it(`in ${DIRS.join('/, ')}/ and README.md`, () => {
    expect(ALL.length).toBeGreaterThan(300);
    const found = ALL.flatMap((f) => {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      return [...outsidePointers(f, text), ...missingDocs(f, text)];
    });
    expect(found.map((o) => `${o.file}:${o.line} ${o.text}`)).toEqual([]);
  });
});
