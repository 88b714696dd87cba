#!/usr/bin/env bash
# Fetch the official Node.js runtime for one architecture from the npm registry (the
# node-linux-<arch> packages carry the binary and its include/node headers), with no other
# download. Prints the unpacked directory (bin/node, include/node).
#   scripts/bundle-node.sh x64|arm64 SCRATCH_DIR
# The version is pinned in packaging/node-version so that a bundle is reproducible.
set -euo pipefail
arch="$1"; scratch="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d ' \n' < "$here/packaging/node-version")"
dir="$scratch/node-$version-linux-$arch"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$scratch/pack-$arch"
  # npm pack fetches the package tarball without installing it, so the arm64 package can be
  # fetched on an x86-64 machine (npm install would refuse the foreign cpu).
  tgz="$(cd "$scratch/pack-$arch" && npm pack --silent "node-linux-$arch@$version" | tail -1)"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  tar -xzf "$scratch/pack-$arch/$tgz" -C "$dir.tmp" --strip-components=1
  chmod +x "$dir.tmp/bin/node"
  mv "$dir.tmp" "$dir"
fi
echo "$dir"
