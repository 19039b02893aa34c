#!/usr/bin/env bash
# Installs Debian's nginx for the test of deploy/nginx.conf, without starting its system service.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  echo "nginx: $(/usr/sbin/nginx -v 2>&1)"
  exit 0
fi
# Debian starts a package's service on install unless policy-rc.d says no; the tests start their own.
made_policy=
if [ ! -e /usr/sbin/policy-rc.d ] && [ "$(id -u)" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
fi
bash "$(dirname "$0")/apt-install.sh" nginx-light
[ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
echo "nginx: $(/usr/sbin/nginx -v 2>&1)"
