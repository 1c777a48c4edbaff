#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given as arguments when any is missing.
# Instant when all are present; says what to do on systems without apt.
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Annals needs these system packages (or your system's equivalents): ${missing[*]}" >&2
  echo "This system has no apt-get: install a C compiler, pkg-config, the OpenGL and X11 development headers, and Xvfb, then run make again." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Installing ${missing[*]} needs root: run 'make deps' as root or install them yourself." >&2; exit 1
  fi
fi
echo "Installing missing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
