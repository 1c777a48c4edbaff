#!/usr/bin/env bash
# Checks the Windows build without Windows: the executable is a 64-bit PE
# with the GUI subsystem, an icon and a manifest carrying the 4-part version;
# the NSIS installer really contains that executable (extracted with 7-Zip and
# compared byte for byte) and registers the version in HKCU's Uninstall key.
#
#   packaging/check-windows.sh [dist/windows/Annals.exe] [dist/Annals-Setup-<v>.exe]
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(awk -F'"' '/^ *Version *=/ {print $2}' FyneApp.toml)
build=$(awk -F'= *' '/^ *Build *=/ {print $2+0}' FyneApp.toml)
exe=${1:-dist/windows/Annals.exe}
setup=${2:-dist/Annals-Setup-$version.exe}
objdump=x86_64-w64-mingw32-objdump
fail() { echo "FAIL: $*" >&2; exit 1; }
for f in "$exe" "$setup"; do [ -f "$f" ] || fail "$f is missing (run make package-windows)"; done

hdr=$($objdump -p "$exe")
grep -q 'file format pei-x86-64' <<<"$hdr" || fail "$exe is not a PE32+ x86-64 image"
grep -Eq '^Magic[[:space:]]+020b' <<<"$hdr" || fail "$exe: optional header magic is not 020b (PE32+)"
grep -Eq '^Subsystem[[:space:]]+00000002' <<<"$hdr" || fail "$exe: subsystem is not 2 (Windows GUI): $(grep ^Subsystem <<<"$hdr")"
echo "ok: $exe is PE32+ x86-64, $(grep -E '^Subsystem' <<<"$hdr" | tr -s ' \t' ' ')"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
res=$(7z l -ba "$exe" 2>/dev/null || true)
grep -q 'MANIFEST' <<<"$res" || fail "$exe has no manifest resource"
grep -q 'ICON' <<<"$res" || fail "$exe has no icon resource"
7z x -y -o"$work/rsrc" "$exe" '.rsrc/*' >/dev/null
manifest=$(cat "$work"/rsrc/.rsrc/MANIFEST/* 2>/dev/null)
grep -q "version=\"$version.$build\"" <<<"$manifest" ||
  fail "manifest's assemblyIdentity version is not $version.$build (a 3-part one stops the app: side-by-side configuration is incorrect)"
echo "ok: icon and manifest resources; manifest version $version.$build"

sz_exe=$(stat -c %s "$exe")
sz_setup=$(stat -c %s "$setup")
grep -q 'file format pei-i386' <<<"$($objdump -p "$setup")" || fail "$setup is not a PE (NSIS installers are 32-bit)"
listing=$(7z l "$setup")
grep -Eq ' Annals\.exe$' <<<"$listing" || fail "$setup does not list Annals.exe"
7z e -y -o"$work/setup" "$setup" Annals.exe '[NSIS].nsi' >/dev/null
cmp -s "$exe" "$work/setup/Annals.exe" || fail "Annals.exe inside $setup differs from $exe"
echo "ok: $setup ($sz_setup bytes) contains Annals.exe identical to $exe ($sz_exe bytes)"
7z x -y -tPE -o"$work/setup-rsrc" "$setup" '.rsrc/*' >/dev/null
grep -q 'requestedExecutionLevel level="asInvoker"' "$work"/setup-rsrc/.rsrc/MANIFEST/* ||
  fail "installer's manifest asks for more than asInvoker (RequestExecutionLevel user)"
tr -d '\000' <"$work/setup-rsrc/.rsrc/version.txt" | grep -Eq "ProductVersion\"?,? *\"$version\"" ||
  fail "installer's version resource has no ProductVersion $version"
echo "ok: installer runs as the user (asInvoker), ProductVersion $version"
log=$(dirname "$exe")/makensis.log
if [ -f "$log" ]; then
  key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\app.annals.reader'
  for v in "DisplayVersion=$version" "Publisher=" "UninstallString=" "DisplayName=Annals"; do
    grep -qF "WriteRegStr: $key\\$v" "$log" || fail "makensis.log: no $key\\$v"
  done
  grep -qF 'InstallDir: "$LOCALAPPDATA\Programs\Annals"' "$log" || fail "install folder is not %LOCALAPPDATA%\\Programs\\Annals"
  grep -qF 'RMDir: /r "$LOCALAPPDATA\Annals"' "$log" || fail "the uninstaller has no option to remove the library"
  echo "ok: makensis.log: per-user folder, HKCU Uninstall key with DisplayVersion $version and Publisher"
fi
if [ -n "${SIGN_CERT:-}" ]; then
  for f in "$exe" "$setup"; do
    osslsigncode verify -in "$f" 2>&1 | grep -q 'Signature Index: 0' || fail "$f is not signed"
  done
  echo "ok: both are Authenticode-signed"
fi
echo "PASS: Windows executable and installer"
