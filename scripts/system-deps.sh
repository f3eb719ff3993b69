#!/usr/bin/env bash
# System packages the tests need: Chromium for the browser tests, and the
# libraries WeasyPrint loads for the printed catalog (`make offline`).
# Installed with apt when running as root on Debian; otherwise named, and the
# browser tests fail in CI (CI=true) or skip elsewhere.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The web editor (Decap CMS) comes from npm: `make` installs it with npm ci.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
fc-list 2>/dev/null | grep -qi "noto" || missing+=(fonts-noto-core)
# WeasyPrint opens Pango (with GLib, HarfBuzz, fontconfig) at run time, and
# HarfBuzz's subsetter to embed only the glyphs it uses.
libraries=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
for pair in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 libharfbuzz-subset.so.0:libharfbuzz-subset0; do
  grep -q "${pair%%:*}" <<<"$libraries" || missing+=("${pair#*:}")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: these system packages are missing: ${missing[*]}" >&2
  echo "      install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) to run the browser tests and make the printed catalog" >&2
fi
