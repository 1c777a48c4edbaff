#!/usr/bin/env bash
# Signs a Windows executable in place with osslsigncode (Authenticode, SHA-256).
#   SIGN_CERT       a PKCS#12 file (.pfx/.p12) with the code-signing key and chain
#   SIGN_PASS       its password (may be empty)
#   SIGN_TIMESTAMP  optional RFC 3161 timestamp server URL (needs the network)
set -euo pipefail
file=${1:?usage: sign.sh FILE.exe}
: "${SIGN_CERT:?SIGN_CERT is not set}"
args=(sign -pkcs12 "$SIGN_CERT" -pass "${SIGN_PASS:-}" -h sha256 -n "Annals")
[ -n "${SIGN_TIMESTAMP:-}" ] && args+=(-ts "$SIGN_TIMESTAMP")
osslsigncode "${args[@]}" -in "$file" -out "$file.signed"
mv "$file.signed" "$file"
if osslsigncode verify -in "$file" >/dev/null 2>&1; then
  echo "sign.sh: signed and verified $file"
else
  echo "sign.sh: signed $file (osslsigncode verify does not trust the chain here, as with a self-signed test certificate)"
fi
