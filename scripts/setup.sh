#!/usr/bin/env bash
# Installs newsarc's build and test dependencies from Debian 12's repositories.
# Idempotent: does nothing when every package is already installed; runs `apt-get update`
# only when something is missing. Needs root (or sudo) only in that case.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git python3
  libcurl4-openssl-dev libgumbo-dev libuchardet-dev libicu-dev libsqlite3-dev sqlite3
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libcpp-httplib-dev libexpected-dev
  libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev libssl-dev libexpat1-dev
  clang-14 libclang-rt-14-dev clang-format-14
  libpsl-dev publicsuffix
  python3-protego python3-jsonschema bc time
  chromium fonts-noto-cjk libzip-dev
  postgresql-15 libpq-dev
)
# Node.js and npm: present on these machines; Debian's packages otherwise.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

install_node_tools() {
  local tools
  tools="$(cd "$(dirname "$0")/.." && pwd)/tools"
  # warcio.js, the independent WARC reader the tests check our WARC files with.
  if [ ! -d "$tools/warc/node_modules/warcio" ]; then
    echo "setup: installing warcio.js for the WARC tests (npm ci in tools/warc)" >&2
    (cd "$tools/warc" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  # puppeteer-core (drives Debian's chromium) and ReplayWebPage (replays exported WACZ files)
  # for the browser tests. Only their published files are used: no install scripts, no
  # browser download.
  if [ ! -d "$tools/browser/node_modules/puppeteer-core" ] ||
    [ ! -f "$tools/browser/node_modules/replaywebpage/sw.js" ]; then
    echo "setup: installing puppeteer-core and replaywebpage (npm ci in tools/browser)" >&2
    (cd "$tools/browser" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_node_tools
  exit 0
fi

echo "setup: installing missing packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "setup: error: these Debian packages are missing and installing them needs root:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_node_tools
