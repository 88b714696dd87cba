#!/usr/bin/env node
// npm run bundle [-- x64|arm64 …]: the offline install bundles
//   dist-bundle/luoshi-<version>-linux-<arch>.tar.gz
// each holding the Node.js 24 runtime for that architecture (from the npm registry's
// node-linux-<arch> package), the server compiled to JavaScript, the built web app, the
// production dependencies the server loads (pruned), better-sqlite3 compiled for that
// architecture (ARM64: cross-compiled with Debian's g++-aarch64-linux-gnu), the `luoshi`
// launcher, a systemd unit, an nginx example and 安装说明.md. Nothing is downloaded but the two
// npm packages; files are written in name order with the last commit's time, so the same
// commit gives the same archive. See docs/deploy.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileServer } from './bundle-compile.mjs';
import { copyDependencies } from './bundle-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.resolve(process.env.LUOSHI_BUNDLE_WORK ?? path.join(root, '.bundle-work'));
const outDir = path.resolve(process.env.LUOSHI_BUNDLE_OUT ?? path.join(root, 'dist-bundle'));
const archs = process.argv.slice(2).length ? process.argv.slice(2) : ['x64', 'arm64'];
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const MAX_BYTES = 150 * 1024 * 1024;
const CROSS = { arm64: 'aarch64-linux-gnu' };

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts })?.trim() ?? '';
const step = (t) => console.log(`== ${t}`);
const started = Date.now();

for (const a of archs) if (!['x64', 'arm64'].includes(a)) throw new Error(`unknown architecture ${a} (x64 or arm64)`);
fs.mkdirSync(work, { recursive: true });
fs.mkdirSync(outDir, { recursive: true });
// One timestamp for every file: the last commit's (reproducible), or now outside git.
let epoch = process.env.SOURCE_DATE_EPOCH;
try {
  epoch ??= sh('git', ['log', '-1', '--format=%ct'], { cwd: root });
} catch {
  epoch = String(Math.floor(Date.now() / 1000));
}

// LUOSHI_BUNDLE_REUSE_WEB=1 keeps an existing dist/web (development only: a release builds it).
if (process.env.LUOSHI_BUNDLE_REUSE_WEB === '1' && fs.existsSync(path.join(root, 'dist/web/index.html'))) {
  step('web app: reusing dist/web');
} else {
  step('web app (vite build)');
  sh(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

step('server: TypeScript → JavaScript');
const app = path.join(work, 'app');
fs.rmSync(app, { recursive: true, force: true });
const packages = await compileServer(root, app);
fs.cpSync(path.join(root, 'dist/web'), path.join(app, 'dist/web'), { recursive: true });
fs.mkdirSync(path.join(app, 'bin'), { recursive: true });
fs.copyFileSync(path.join(root, 'packaging/luoshi.mjs'), path.join(app, 'bin/luoshi.mjs'));
fs.writeFileSync(
  path.join(app, 'package.json'),
  JSON.stringify({ name: pkg.name, version: pkg.version, description: pkg.description, private: true, type: 'module' }, null, 2) + '\n',
);

step(`dependencies: ${packages.join(' ')}`);
const copied = copyDependencies(root, packages, app);
console.log(`   ${copied.length} packages`);

const gyp = path.join(path.dirname(fs.realpathSync(sh('sh', ['-c', 'command -v npm']))), '../node_modules/node-gyp/bin/node-gyp.js');
const results = [];
for (const arch of archs) {
  const name = `luoshi-${pkg.version}-linux-${arch}`;
  const stage = path.join(work, name);
  fs.rmSync(stage, { recursive: true, force: true });
  step(`${name}: Node.js runtime`);
  const nodeDir = sh(path.join(root, 'scripts/bundle-node.sh'), [arch, work]);
  fs.mkdirSync(path.join(stage, 'node/bin'), { recursive: true });
  fs.copyFileSync(path.join(nodeDir, 'bin/node'), path.join(stage, 'node/bin/node'));
  fs.chmodSync(path.join(stage, 'node/bin/node'), 0o755);
  fs.copyFileSync(path.join(nodeDir, 'LICENSE'), path.join(stage, 'node/LICENSE'));

  step(`${name}: better-sqlite3 for ${arch}`);
  const src = path.join(work, `better-sqlite3-${arch}`);
  const native = path.join(src, 'build/Release/better_sqlite3.node');
  const stamp = path.join(src, '.built-for');
  const want = `${path.basename(nodeDir)} ${fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)[1]}`;
  if (!fs.existsSync(native) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== want) {
    fs.rmSync(src, { recursive: true, force: true });
    const from = path.join(root, 'node_modules/better-sqlite3');
    fs.cpSync(from, src, { recursive: true, filter: (p) => p !== path.join(from, 'build') && !p.startsWith(path.join(from, 'build') + path.sep) });
    // npm passes its own config to scripts as npm_config_*; node-gyp lets npm_config_nodedir (this
    // machine's .npmrc says /usr, Node 20's headers) override --nodedir, so set it to the target's.
    const env = { ...process.env, npm_config_nodedir: nodeDir };
    if (CROSS[arch])
      Object.assign(env, {
        CC: `${CROSS[arch]}-gcc`,
        CXX: `${CROSS[arch]}-g++`,
        LINK: `${CROSS[arch]}-g++`,
        AR: `${CROSS[arch]}-ar`,
        STRIP: `${CROSS[arch]}-strip`,
      });
    const t0 = Date.now();
    // node-gyp itself runs on this machine's (x86-64) Node 24; --arch and --nodedir select the target.
    const hostNode = path.join(sh(path.join(root, 'scripts/bundle-node.sh'), ['x64', work]), 'bin/node');
    sh(hostNode, [gyp, 'rebuild', '--release', `--arch=${arch}`, `--nodedir=${nodeDir}`, '-j', '2'], { cwd: src, env, stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(stamp, want);
    console.log(`   compiled in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  fs.cpSync(app, path.join(stage, 'app'), { recursive: true });
  fs.mkdirSync(path.join(stage, 'app/node_modules/better-sqlite3/build/Release'), { recursive: true });
  fs.copyFileSync(native, path.join(stage, 'app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'));

  step(`${name}: launcher, service files, 安装说明.md`);
  fs.copyFileSync(path.join(root, 'packaging/luoshi'), path.join(stage, 'luoshi'));
  fs.chmodSync(path.join(stage, 'luoshi'), 0o755);
  fs.mkdirSync(path.join(stage, 'etc'));
  for (const f of ['luoshi.service', 'nginx-luoshi.conf', 'luoshi.env.example']) fs.copyFileSync(path.join(root, 'packaging', f), path.join(stage, 'etc', f));
  fs.copyFileSync(path.join(root, 'packaging/安装说明.md'), path.join(stage, '安装说明.md'));
  fs.writeFileSync(path.join(stage, 'VERSION'), `luoshi ${pkg.version} linux-${arch} node ${path.basename(nodeDir).split('-')[1]}\n`);

  step(`${name}.tar.gz`);
  const tarball = path.join(outDir, `${name}.tar.gz`);
  // Name order, one mtime, numeric root owner, no atime/ctime: the same tree gives the same bytes.
  sh('bash', [
    '-c',
    `set -o pipefail; tar --sort=name --mtime=@${epoch} --owner=0 --group=0 --numeric-owner --mode=go-w --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime --format=posix -C "${work}" -cf - "${name}" | gzip -n -9 > "${tarball}.part" && mv "${tarball}.part" "${tarball}"`,
  ]);
  const size = fs.statSync(tarball).size;
  const sha = sh('sha256sum', [tarball]).split(' ')[0];
  fs.writeFileSync(`${tarball}.sha256`, `${sha}  ${path.basename(tarball)}\n`);
  results.push({ name, size, sha });
  if (size > MAX_BYTES) throw new Error(`${name}.tar.gz is ${(size / 1048576).toFixed(1)} MB, over the 150 MB limit`);
}
for (const r of results) console.log(`${r.name}.tar.gz  ${(r.size / 1048576).toFixed(1)} MB  sha256 ${r.sha}`);
console.log(`bundle done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
