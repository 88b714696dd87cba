// Module resolution hook (node:module register): packages listed here load through their
// CommonJS build instead of their ES-module build. Why: under tsx on Node 20 every ES module
// goes through the loader's hooks thread (a round trip per file), and kysely's ES build is 280
// files — a third of a second and more of each thread's start-up (the server's, the alert
// worker's, every CLI command's), while its CommonJS build is loaded by require() inside, in
// one step. The same version and API; each thread sees only one of the two builds (every import
// of 'kysely' in it goes through this hook), so the two builds never meet. docs/scale.md.
const CJS = new Set(['kysely']);

export async function resolve(specifier, context, next) {
  if (!CJS.has(specifier)) return next(specifier, context);
  const conditions = context.conditions.map((c) => (c === 'import' ? 'require' : c));
  return next(specifier, { ...context, conditions });
}
