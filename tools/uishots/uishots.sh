#!/usr/bin/env bash
# make ui-shots: runs the real Annals binary under its own Xvfb on a fresh
# library holding the two samples (added with the CLI), drives it with
# xdotool like a user, and writes a screenshot of each named step into
# $UI_SHOTS_DIR (default /tmp/annals-ui-shots). Look at every picture: this
# is an acceptance check for what a reader sees, not a pixel test.
#
# It fails loudly when the app exits, when its window never appears, or when
# a step's screenshot cannot be taken. Coordinates assume the fresh window
# (1200×780 at the top left of a 1366×850 screen) and the English interface
# except in the last step.
#
#   BIN=path/to/annals   use this binary instead of building one
#   UI_SHOTS_DISPLAY=:N  X display number (default :77)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${UI_SHOTS_DIR:-/tmp/annals-ui-shots}
DISP=${UI_SHOTS_DISPLAY:-:77}
WORK=$(mktemp -d /tmp/annals-ui-shots-work.XXXXXX)
mkdir -p "$OUT"
rm -f "$OUT"/*.png

for tool in Xvfb xdotool xmodmap import; do
  command -v "$tool" >/dev/null || { echo "ui-shots: $tool is missing (make ui-shots installs it with the deps)" >&2; exit 1; }
done

BIN=${BIN:-$WORK/annals}
if [ ! -x "$BIN" ]; then
  # As it ships: Fyne with third_party/fyne's patch (see its README).
  (cd "$ROOT" && fyne_flags=$(go run ./third_party/fyne/cmd/fyneoverlay -dir "$ROOT/dist/fyne-overlay" -flags) \
    && go build -tags 'sqlite_fts5 migrated_fynedo' $fyne_flags -o "$BIN" .)
fi

XVFB_PID=""
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

Xvfb "$DISP" -screen 0 1366x850x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=$DISP
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "ui-shots: Xvfb on $DISP did not start" >&2; cat "$WORK/xvfb.log" >&2; exit 1; }

LIB=$WORK/lib/annals.db
mkdir -p "$WORK/lib" "$WORK/home"
# A fresh home: fresh preferences (light/dark follows the system: dark here).
export HOME=$WORK/home
"$BIN" --db "$LIB" add "$ROOT/assets/samples/majalla-china-ai.html" "$ROOT/assets/samples/annals-sample-en.html" >"$WORK/add.log"

start_app() {
  "$BIN" --db "$LIB" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  local win=""
  for _ in $(seq 100); do
    alive
    win=$(xdotool search --onlyvisible --name '^Annals$' 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.2
  done
  [ -n "$win" ] || { echo "ui-shots: the Annals window never appeared" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }
  sleep 2 # first frame, fonts
}

alive() {
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "ui-shots: the app exited (crash?); its log:" >&2
    tail -40 "$WORK/app.log" >&2
    exit 1
  fi
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

click() { alive; xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
key() { alive; xdotool key --clearmodifiers "$@"; sleep 0.8; }

shot() {
  alive
  sleep 0.5
  import -window root "$OUT/$1.png" || { echo "ui-shots: could not take $1" >&2; exit 1; }
  echo "ui-shots: $OUT/$1.png"
}

# Where things are in the fresh English window.
ROW_EN="190 275"  # newest first: the English sample
ROW_AR="190 360"  # then the Arabic seed
TAB_LIBRARY="50 65"
TAB_TIMELINE="150 65"
BTN_AA="1138 121"
RADIO_NASKH="1022 310"
BTN_HLPANEL="733 125"
BTN_HIGHLIGHT="652 121"
BTN_KEEP="642 512"       # the highlight dialog's Keep

start_app
click $ROW_AR 2
shot 01-reader-arabic
click $ROW_EN 2
shot 02-reader-english

# Aa → Naskh, then the Timeline, then back to the Arabic article.
click $ROW_AR 2
click $BTN_AA
click $RADIO_NASKH
key Escape
click 700 740 # outside the pop-up closes it if Escape did not
click $TAB_TIMELINE 3
click $TAB_LIBRARY
click $ROW_EN 1.5
click $ROW_AR 2
shot 03-arabic-after-naskh-and-timeline

# A highlight: select words of the first paragraph by dragging, keep them.
alive
xdotool mousemove 1160 262 mousedown 1
sleep 0.2
xdotool mousemove 1100 263
sleep 0.2
xdotool mousemove 950 264
sleep 0.2
xdotool mouseup 1
sleep 0.8
click $BTN_HIGHLIGHT 1.5
click $BTN_KEEP 1.5
click $BTN_HLPANEL 1.5
shot 04-highlights-panel-open
click $BTN_HLPANEL 1

# Search in Arabic.
key ctrl+f
alive
# The letters are given keys of their own first: for a letter missing from
# the keymap xdotool maps a spare key, types it and unmaps it at the end,
# and an app slowed by other work read the last letter after that and lost
# it ("ترم" for "ترمب").
set -- $(xmodmap -pke | awk 'NF == 3 && $2 >= 97 { print $2 }')
for letter in Arabic_teh Arabic_ra Arabic_meem Arabic_beh; do
  [ $# -gt 0 ] || { echo "ui-shots: no spare key for $letter" >&2; exit 1; }
  xmodmap -e "keycode $1 = $letter"
  shift
done
xdotool type --delay 80 'ترمب'
sleep 2
shot 05-search-arabic-trump
key ctrl+a
key BackSpace

# The timeline at its default zoom.
click $TAB_TIMELINE 3
shot 06-timeline-default-zoom

# The Arabic interface: a fresh start with the system language Arabic.
stop_app
LANG=ar_EG.UTF-8 LC_ALL=ar_EG.UTF-8 start_app
shot 07-arabic-interface
stop_app

echo "ui-shots: $(ls "$OUT"/*.png | wc -l) screenshots in $OUT"
