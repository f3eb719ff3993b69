#!/usr/bin/env bash
# System packages the tests need: Chromium for the browser tests. Installed
# with apt when running as root on Debian; otherwise named, and the browser
# tests fail in CI (CI=true) or skip elsewhere.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "noto" || missing+=(fonts-noto-core)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: these system packages are missing: ${missing[*]}" >&2
  echo "      install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) to run the browser tests" >&2
fi
