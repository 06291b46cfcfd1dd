#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests when it is
# missing. The tests drive it with playwright-core at /usr/bin/chromium.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

SUDO=''
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO='sudo'
fi

$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
  --no-install-recommends chromium fonts-dejavu-core >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get installed chromium but $CHROMIUM is absent" >&2
  exit 1
fi
