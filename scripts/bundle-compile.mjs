// Compile the server's TypeScript (src/, except the web app that Vite builds) to JavaScript,
// file by file, keeping the folder layout: code that finds files next to itself
// (import.meta.url: the report template, the web app in dist/web, the gazetteer) works
// unchanged. esbuild strips the types; relative `.ts` import specifiers become `.js`.
// Returns the bare package names the compiled code imports (what the bundle must carry).
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { build, transform } from 'esbuild';

const BUILTIN = new Set(builtinModules);

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** `import … from './x.ts'`, `export … from '../y.ts'`, `import('./z.ts')` → `.js`. */
function rewriteSpecifiers(code, file) {
  return code
    .replace(/(\bfrom\s*|^import\s*)"(\.{1,2}\/[^"]+?)\.tsx?"/gm, '$1"$2.js"')
    .replace(/\bimport\("(\.{1,2}\/[^"]+?)\.tsx?"\)/g, 'import("$1.js")')
    .replace(/(["'])(\.{1,2}\/[^"']+?)\.tsx?\1/g, (m) => {
      throw new Error(`${file}: a .ts path outside an import statement (${m}); resolve it at run time instead`);
    });
}

function packageOf(spec) {
  if (spec.startsWith('node:') || BUILTIN.has(spec.split('/')[0])) return null;
  if (spec.startsWith('.') || spec.startsWith('/')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

export async function compileServer(root, outRoot) {
  const packages = new Set();
  const srcRoot = path.join(root, 'src');
  for (const file of walk(srcRoot)) {
    const rel = path.relative(srcRoot, file);
    if (rel.startsWith(`web${path.sep}`)) continue;
    const target = path.join(outRoot, 'src', rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!/\.tsx?$/.test(file)) {
      if (!file.endsWith('README.md')) fs.copyFileSync(file, target);
      continue;
    }
    const source = fs.readFileSync(file, 'utf8');
    const { code } = await transform(source, {
      loader: file.endsWith('x') ? 'tsx' : 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: rel,
      legalComments: 'inline',
    });
    fs.writeFileSync(target.replace(/\.tsx?$/, '.js'), rewriteSpecifiers(code, rel));
  }
  // The packages the code imports, as esbuild's resolver sees them (nothing is written).
  const entryPoints = walk(srcRoot).filter((f) => /\.tsx?$/.test(f) && !path.relative(srcRoot, f).startsWith(`web${path.sep}`));
  const { metafile } = await build({
    entryPoints,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: path.join(outRoot, '.unused'),
    logLevel: 'error',
  });
  for (const input of Object.values(metafile.inputs)) {
    for (const i of input.imports) {
      const p = i.external ? packageOf(i.path) : null;
      if (p) packages.add(p);
    }
  }
  // Packages resolved at run time by name (require.resolve of a data file).
  for (const file of walk(path.join(outRoot, 'src'))) {
    if (!file.endsWith('.js')) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:require|\))\.resolve\(["']([^"'.][^"']*)["']\)/g)) {
      const p = packageOf(m[1]);
      if (p) packages.add(p);
    }
  }
  return [...packages].sort();
}
