/**
 * luoshi/layers: the layer order of src/ (README.md, "Layers and errors"). A file may import its own
 * folder, a folder of its own layer, or a lower layer; never a higher one. Imports are resolved
 * against the importing file, so `../ledger/x.ts` from src/report and `./ledger/x.tsx` inside
 * src/web are told apart (a plain no-restricted-imports pattern matches the written text only).
 * The web may import from the server side only types and src/shared (it runs in the browser).
 * Nothing outside src/server imports from it, except the CLI's `serve` starting the app.
 */
import path from 'node:path';

/** Lowest first. Folders on one line are one layer. */
export const LAYERS = [
  ['shared', 'util'],
  ['db', 'crypto'],
  ['audit'],
  ['org', 'access'],
  ['auth'],
  ['ledger', 'catalog'],
  ['files'],
  ['metrics'],
  ['report', 'alerts', 'assess', 'check', 'reader', 'demo'],
  ['server', 'web'],
  ['cli'],
];

/**
 * Known wrong-way imports, each with its reason; a new one must be added here on purpose.
 * [importing file (exact, from the repository root), imported file (exact)].
 */
export const EXCEPTIONS = [
  // The access decision (src/access) takes the ledger's compiled declaration as a type only.
  ['src/access/records.ts', 'src/ledger/registry.ts'],
  // Key rotation is an administrative operation that audits itself; the rest of crypto is below audit.
  ['src/crypto/rotate.ts', 'src/audit/log.ts'],
];

const rankOf = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i])));

function folderOf(rel) {
  const parts = rel.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : null;
}

/** The reason `from` (a src/ file) may not import `to`, or null. */
export function refusal(from, to, typeOnly) {
  const a = folderOf(from);
  const b = folderOf(to);
  if (!a || !b || a === b) return null;
  if (EXCEPTIONS.some(([f, t]) => f === from && t === to)) return null;
  if (b === 'server') {
    if (from === 'src/cli/commands/serve.ts' && to === 'src/server/app.ts') return null;
    return `only src/server imports from src/server (${from} → ${to}); domain errors are in src/util/errors.ts`;
  }
  if (a === 'web')
    return typeOnly || b === 'shared'
      ? null
      : `the web imports only types and src/shared from the server side (${from} → ${to}): use import type, or move the shared code to src/shared`;
  if (b === 'web') return `the server side does not import the web (${from} → ${to})`;
  const ra = rankOf.get(a);
  const rb = rankOf.get(b);
  if (ra === undefined || rb === undefined) return `src/${ra === undefined ? a : b} is not in the layer table (eslint/layers.js)`;
  if (rb > ra)
    return `wrong-way import: ${a} may not import the higher layer ${b} (${from} → ${to}); layers from the top: ${[...LAYERS]
      .reverse()
      .map((l) => l.join('/'))
      .join(' → ')}`;
  return null;
}

const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Layer order of src/ folders' } },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    if (!file.startsWith('src/')) return {};
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source.value))
        .split(path.sep)
        .join('/');
      const why = refusal(file, target, typeOnly);
      if (why) context.report({ node: source, message: why });
    };
    const allTypes = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (n) => check(n, n.source, allTypes(n)),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source, allTypes(n)),
      ExportAllDeclaration: (n) => check(n, n.source, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source, false),
    };
  },
};

export default { rules: { layers: rule } };
