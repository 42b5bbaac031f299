#!/usr/bin/env bash
# System libraries reportgen needs beyond PyPI, installed where missing and possible (Debian, root).
#   pango            WeasyPrint's text layout (required)
#   harfbuzz-subset  fast, deterministic font subsetting in WeasyPrint (without it: slower, and
#                    the PDF embeds a varying font timestamp)
#   fonts-noto-core, fonts-noto-cjk
#                    the PDF's fallback fonts for scripts Open Sans lacks (Thai, Arabic, Hebrew,
#                    Indic, CJK, ...; reportgen/style.py PDF_FONTS). Without them the PDF builds
#                    for Latin, Greek and Cyrillic text only, and `check` says which characters
#                    no font draws.
# Usage: scripts/system-deps.sh [extra Debian packages...]   (CI: LibreOffice, poppler-utils and the client
#        fonts for the workbook recalculation and deck rendering tests, chromium for the web edition's)
set -euo pipefail
want=()
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_lib libpango-1.0.so || want+=(libpango-1.0-0 libpangoft2-1.0-0)
has_lib libharfbuzz-subset.so || want+=(libharfbuzz-subset0)
[ -f /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf ] || want+=(fonts-noto-core)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || want+=(fonts-noto-cjk)
for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || want+=("$pkg"); done
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system-deps: installing ${want[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
else
  echo "system-deps: missing ${want[*]}; install them with your package manager (need root/apt)." >&2
  case " ${want[*]} " in *" libpango-1.0-0 "*) exit 1 ;; esac
fi
