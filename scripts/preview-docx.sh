#!/usr/bin/env bash
# Preview a .docx as a person sees it: LibreOffice -> PDF -> PNG pages.
# Usage: scripts/preview-docx.sh IN.docx OUTDIR [DPI]
# The PDF is made exactly as the server makes it (scripts/docx-to-pdf.ts): the official fonts
# fall back to Noto CJK where they are not installed; the .docx keeps the official names.
# Needs: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 IN.docx OUTDIR [DPI]" >&2
  exit 2
fi
in=$(realpath "$1")
outdir=$(mkdir -p "$2" && realpath "$2")
dpi=${3:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install -y poppler-utils" >&2; exit 1; }
base=$(basename "${in%.*}")
pdf="$outdir/$base.pdf"
(cd "$root" && npx tsx scripts/docx-to-pdf.ts "$in" "$pdf" >/dev/null)
rm -f "$outdir/$base"-*.png
pdftoppm -png -r "$dpi" "$pdf" "$outdir/$base"
pages=$(find "$outdir" -maxdepth 1 -name "$base-*.png" | wc -l)
echo "$pdf ($pages pages), $outdir/$base-*.png"
