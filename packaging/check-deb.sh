#!/usr/bin/env bash
# Installs the Annals .deb, opens the app under Xvfb, checks that its window
# appears and that it exits with status 0 on SIGTERM (a quit request), then
# removes the package. Needs root (dpkg), xvfb-run, xwininfo (x11-utils).
#
#   packaging/check-deb.sh [dist/annals_<version>-1_<arch>.deb]
set -euo pipefail

if [ "${1:-}" = "--inner" ]; then
  # Runs inside xvfb-run: DISPLAY is the virtual screen.
  db=$2
  annals --db "$db" >"$(dirname "$db")/stdout.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do # up to 60 s
    if xwininfo -root -tree 2>/dev/null | grep -q '"Annals"'; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" && rc=0 || rc=$?
      echo "FAIL: annals exited with status $rc before its window appeared" >&2
      cat "$(dirname "$db")/stdout.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  if ! xwininfo -root -tree | grep '"Annals"'; then
    echo "FAIL: no window titled \"Annals\" after 60 s" >&2
    kill -KILL "$pid" 2>/dev/null || true
    exit 1
  fi
  echo "ok: window \"Annals\" is shown"
  sleep 1
  kill -TERM "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: annals still running 20 s after SIGTERM" >&2
    kill -KILL "$pid"
    exit 1
  fi
  wait "$pid" && rc=0 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "FAIL: annals exited with status $rc on SIGTERM" >&2
    cat "$(dirname "$db")/stdout.log" >&2
    exit 1
  fi
  echo "ok: SIGTERM → exit status 0"
  exit 0
fi

cd "$(dirname "$0")/.."
deb=${1:-$(ls -t dist/*.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "usage: $0 path/to/annals.deb (run make package-linux first)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "$0 needs root (dpkg -i)" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive

echo "== installing $deb"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Package\|Version\|Architecture\|Depends\|Installed-Size\):/  &/p'
if ! dpkg -i "$deb"; then
  apt-get -f install -y -qq
fi
trap 'echo "== removing the package"; dpkg -r annals >/dev/null || true' EXIT
dpkg-query -W -f='${Status}\n' annals | grep -q "install ok installed" || { echo "FAIL: annals is not installed" >&2; exit 1; }
echo "ok: installed $(dpkg-query -W -f='${Package} ${Version}' annals)"

for f in /usr/bin/annals /usr/share/applications/app.annals.reader.desktop \
  /usr/share/metainfo/app.annals.reader.metainfo.xml \
  /usr/share/icons/hicolor/48x48/apps/app.annals.reader.png \
  /usr/share/icons/hicolor/256x256/apps/app.annals.reader.png \
  /usr/share/icons/hicolor/scalable/apps/app.annals.reader.svg; do
  [ -f "$f" ] || { echo "FAIL: $f is missing" >&2; exit 1; }
done
echo "ok: binary, desktop file, metainfo and icons are in place"
missing=$(ldd /usr/bin/annals | grep 'not found' || true)
[ -z "$missing" ] || { echo "FAIL: unresolved libraries:"; echo "$missing"; exit 1; } >&2
echo "ok: every shared library resolves"

work=$(mktemp -d /tmp/annals-check.XXXXXX)
echo "== starting annals --db $work/annals.db under Xvfb"
xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inner "$work/annals.db"
[ -f "$work/annals.db" ] || { echo "FAIL: no library was created at $work/annals.db" >&2; exit 1; }
echo "ok: library created; log: $(grep -c . "$work/annals.log" 2>/dev/null || echo 0) lines, last: $(tail -n 1 "$work/annals.log" 2>/dev/null)"
rm -rf "$work"

trap - EXIT
echo "== removing the package"
dpkg -r annals >/dev/null
[ ! -e /usr/bin/annals ] || { echo "FAIL: /usr/bin/annals is still there after dpkg -r" >&2; exit 1; }
echo "ok: removed"
echo "PASS: $deb"
