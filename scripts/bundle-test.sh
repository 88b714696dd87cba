#!/usr/bin/env bash
# npm run test:bundle — prove the offline bundles work with no network and no Node.js install:
#  1. x64: extract luoshi-<version>-linux-x64.tar.gz into an empty folder, start it in a network
#     namespace that has only the loopback interface (unshare -n, as root; or ip netns), and
#     run the smoke check (health, web app, login, a ledger's records, the quarterly .docx);
#  2. arm64: extract the ARM64 bundle and, under qemu-aarch64 (Debian qemu-user-static), run
#     `luoshi --version`, `luoshi demo` on a scratch file and `luoshi metrics` for one town.
# Builds the bundles first unless they exist (LUOSHI_BUNDLE_REBUILD=1 forces a build).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(node -p "require('$here/package.json').version")"
out="${LUOSHI_BUNDLE_OUT:-$here/dist-bundle}"
archs="${*:-x64 arm64}"
need=0
for a in $archs; do [ -f "$out/luoshi-$version-linux-$a.tar.gz" ] || need=1; done
if [ "$need" = 1 ] || [ "${LUOSHI_BUNDLE_REBUILD:-0}" = 1 ]; then node "$here/scripts/bundle.mjs" $archs; fi
scratch="$(mktemp -d /tmp/luoshi-bundle-test.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
t_all=$(date +%s)

for arch in $archs; do
  tarball="$out/luoshi-$version-linux-$arch.tar.gz"
  echo "== $arch: $(du -h "$tarball" | cut -f1) $(basename "$tarball")"
  dir="$scratch/$arch"
  mkdir -p "$dir"
  tar -xzf "$tarball" -C "$dir"
  app="$dir/luoshi-$version-linux-$arch"
  [ -x "$app/luoshi" ] && [ -f "$app/etc/luoshi.service" ] && [ -f "$app/etc/nginx-luoshi.conf" ] && [ -f "$app/安装说明.md" ] || { echo "bundle is missing the launcher or its service files"; exit 1; }
  if [ -e "$app/app/node_modules/vite" ] || [ -e "$app/app/node_modules/vitest" ] || [ -e "$app/app/node_modules/tsx" ] || [ -e "$app/app/node_modules/react" ]; then echo "bundle carries build or browser packages"; exit 1; fi

  if [ "$arch" = x64 ]; then
    # Everything below runs inside a new network namespace: loopback only, no route anywhere.
    cat > "$scratch/offline.sh" <<INNER
set -euo pipefail
ip link set lo up
echo "   network namespace: \$(ip -o link | awk -F': ' '{print \$2}' | tr '\n' ' ')routes: \$(ip route | wc -l)"
if "$app/node/bin/node" -e "require('dns').lookup('registry.npmjs.org', (e) => process.exit(e ? 0 : 1))"; then echo "   registry.npmjs.org does not resolve: offline"; else echo "   the namespace reaches the network"; exit 1; fi
cd "$dir"
export LUOSHI_ENV_FILE=/dev/null PORT=3999 HOST=127.0.0.1 LUOSHI_ALERTS_DAILY=0
unset DATABASE_URL LUOSHI_DB LUOSHI_FILES LUOSHI_KEY_FILE LUOSHI_DATA LUOSHI_SECRET
"$app/luoshi" --version
"$app/luoshi" serve > "$scratch/serve.log" 2>&1 &
pid=\$!
for i in \$(seq 1 180); do
  if "$app/node/bin/node" -e "fetch('http://127.0.0.1:3999/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  kill -0 \$pid 2>/dev/null || { cat "$scratch/serve.log"; exit 1; }
  sleep 1
done
echo "   started in \${i} s (demo data written on first start)"
status=0
"$app/node/bin/node" "$here/scripts/bundle-smoke.mjs" http://127.0.0.1:3999 "$scratch/out" || status=\$?
kill \$pid; wait \$pid || true
[ -f "$dir/data/luoshi.db" ] && echo "   data in $dir/data: \$(ls "$dir/data" | tr '\n' ' ')"
exit \$status
INNER
    if unshare -n true 2>/dev/null; then
      unshare -n bash "$scratch/offline.sh"
    else
      ns="luoshi-offline-$$"
      ip netns add "$ns"
      trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$scratch"' EXIT
      ip netns exec "$ns" bash "$scratch/offline.sh"
    fi
  else
    qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
    [ -n "$qemu" ] || { echo "qemu-aarch64 not found: apt-get install qemu-user-static"; exit 1; }
    run() { (cd "$dir" && env -u DATABASE_URL LUOSHI_DB="$dir/demo.db" LUOSHI_FILES="$dir/files" LUOSHI_KEY_FILE="$dir/luoshi.key" "$qemu" -L /usr/aarch64-linux-gnu "$app/node/bin/node" "$app/app/bin/luoshi.mjs" "$@"); }
    if command -v file >/dev/null; then
      file -b "$app/node/bin/node" | cut -d, -f1-2
      file -b "$app/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node" | cut -d, -f1-2
    fi
    t0=$(date +%s); run --version | tee "$scratch/v.txt"; grep -q "linux-arm64" "$scratch/v.txt"; echo "   --version: $(( $(date +%s) - t0 )) s"
    t0=$(date +%s); run demo > "$scratch/demo.txt"; head -1 "$scratch/demo.txt"; echo "   demo: $(( $(date +%s) - t0 )) s"
    t0=$(date +%s); run metrics --org QH-DH --period 2023Q4 --json > "$scratch/m.json"
    node -e "const m = require('$scratch/m.json'); const n = Object.values(m.metrics).filter((v) => v != null).length; if (m.org !== 'QH-DH' || n < 20) process.exit(1); console.log('   metrics: ' + n + ' values for ' + m.org + ' ' + m.period)"
    echo "   metrics: $(( $(date +%s) - t0 )) s"
  fi
done
echo "bundle tests passed in $(( $(date +%s) - t_all )) s"
