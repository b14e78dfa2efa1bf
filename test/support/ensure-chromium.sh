#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core never downloads a browser). Installs it
# when it is missing and this user may (root, or sudo without a password); otherwise says how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "Chromium is missing at $CHROMIUM: installing Debian's chromium for the browser tests" >&2
if [ "$(id -u)" = 0 ]; then
  APT=(apt-get)
elif sudo -n true 2>/dev/null; then
  APT=(sudo apt-get)
else
  echo "Cannot install it as $(id -un): run \`sudo apt-get install chromium\`, or set CHROMIUM_PATH to a Chromium binary" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${APT[@]}" update -qq
"${APT[@]}" install -y -qq --no-install-recommends chromium >&2
[ -x "$CHROMIUM" ] || { echo "Chromium is still missing at $CHROMIUM after the install" >&2; exit 1; }
