#!/usr/bin/env bash
# Preview a .docx as a person sees it: LibreOffice -> PDF -> PNG pages.
# Usage: scripts/preview-docx.sh [--raw] IN.docx OUTDIR [DPI]
#   --raw  convert the file as it is. By default a preview copy emulates Word's character grid,
#          which LibreOffice 7.4 lays out as 14 characters a line (see src/report/docx/preview.ts).
# Needs: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils
# The official fonts (仿宋_GB2312, 方正小标宋简体, ...) are aliased to Noto CJK by scripts/fonts.conf.
set -euo pipefail
raw=0
if [ "${1:-}" = "--raw" ]; then raw=1; shift; fi
if [ $# -lt 2 ]; then
  echo "usage: $0 [--raw] IN.docx OUTDIR [DPI]" >&2
  exit 2
fi
in=$(realpath "$1")
outdir=$2
dpi=${3:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils" >&2; exit 1; }
done
mkdir -p "$outdir"
work=$(mktemp -d "/tmp/lo-$$-XXXX")
trap 'rm -rf "$work"' EXIT
base=$(basename "${in%.*}")
src="$work/$base.docx"
if [ "$raw" = 1 ]; then
  cp "$in" "$src"
else
  (cd "$root" && npx tsx src/report/docx/preview.ts "$in" "$src")
fi
export FONTCONFIG_FILE="$here/fonts.conf"
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$outdir" "$src" >/dev/null 2>&1
pdf="$outdir/$base.pdf"
[ -f "$pdf" ] || { echo "conversion failed: no $pdf" >&2; exit 1; }
rm -f "$outdir/$base"-*.png
pdftoppm -png -r "$dpi" "$pdf" "$outdir/$base"
pages=$(find "$outdir" -maxdepth 1 -name "$base-*.png" | wc -l)
echo "$pdf ($pages pages), $outdir/$base-*.png"
