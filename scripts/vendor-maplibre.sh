#!/usr/bin/env bash
# Vendors MapLibre GL JS into the jar: maplibre-gl is not published as a webjar, so its npm package's built
# dist is copied into src/main/resources/static/vendor/maplibre-gl/ and committed. Only npm's registry client
# is used (`npm pack`, `npm view`): no Node build, no node_modules, nothing downloaded at Maven build time.
# The tarball must match the registry's dist.integrity (sha512) before anything is copied.
# Usage: scripts/vendor-maplibre.sh [version]   (to update: change VERSION, run, review the diff, commit)
set -euo pipefail
VERSION="${1:-6.17.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/main/resources/static/vendor/maplibre-gl"
FILES=(dist/maplibre-gl.mjs dist/maplibre-gl-worker.mjs dist/maplibre-gl-shared.mjs dist/maplibre-gl.css LICENSE.txt)

command -v npm >/dev/null || { echo "npm is needed (Debian: apt-get install npm)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

expected="$(npm view "maplibre-gl@$VERSION" dist.integrity)"
[[ "$expected" == sha512-* ]] || { echo "no sha512 integrity for maplibre-gl@$VERSION: '$expected'" >&2; exit 1; }
tarball="$(cd "$WORK" && npm pack --silent "maplibre-gl@$VERSION" | tail -1)"
actual="sha512-$(openssl dgst -sha512 -binary "$WORK/$tarball" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "maplibre-gl@$VERSION: tarball integrity $actual does not match the registry's $expected" >&2
  exit 1
fi
tar -xzf "$WORK/$tarball" -C "$WORK"
license="$(cd "$WORK/package" && node -p "require('./package.json').license" 2>/dev/null || grep -o '"license": *"[^"]*"' package.json)"
echo "maplibre-gl@$VERSION licence: $license"

mkdir -p "$DEST"
rm -f "$DEST"/*.mjs "$DEST"/*.css "$DEST"/LICENSE.txt
for f in "${FILES[@]}"; do
  cp "$WORK/package/$f" "$DEST/$(basename "$f")"
done
printf '%s\n' "$VERSION" > "$DEST/VERSION"
echo "copied maplibre-gl@$VERSION ($expected) into ${DEST#"$ROOT"/}:"
ls -l "$DEST"
