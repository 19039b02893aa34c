#!/usr/bin/env bash
# Installs Debian's wrk, the load generator `make bench` uses.
set -euo pipefail
if command -v wrk >/dev/null; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" wrk
echo "wrk installed"
