#!/usr/bin/env bash
# llama.cpp's llama-server for the interop tests (pnpm test:interop), built on CPU from the llama.cpp source
# release that the pinned node-llama-cpp npm package ships (a git bundle), so the tests run a server nobody on the
# project wrote. Cached per version; the first build takes ~10-15 minutes on 2 cores, later calls return at once.
#
# Usage: scripts/llama-server.sh build   builds it if missing, then prints the binary's path on stdout
#        scripts/llama-server.sh path    prints where the binary is (or would be) cached
#        scripts/llama-server.sh src     prints where its llama.cpp source is kept (chat templates in models/templates/)
set -euo pipefail

NODE_LLAMA_CPP_VERSION=3.22.1
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/local-llm-bench/llama-server/$NODE_LLAMA_CPP_VERSION
BIN=$CACHE/bin/llama-server

say() { echo "llama-server: $*" >&2; }

# On Debian as root the missing build tools are installed; elsewhere one line says what to install.
ensure_tools() {
  local missing=() tool
  for tool in cmake g++ make git; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing cmake g++ make git with apt-get (missing: ${missing[*]})"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake g++ make git >/dev/null
  else
    say "building needs ${missing[*]}; install them (Debian: sudo apt-get install -y cmake g++ make git) and rerun"
    exit 1
  fi
}

# The source: node-llama-cpp keeps llama.cpp's release as llama/gitRelease.bundle inside its npm tarball.
fetch_source() {
  [ -d "$CACHE/llama.cpp/.git" ] && return 0
  if [ ! -f "$CACHE/package/llama/gitRelease.bundle" ]; then
    (cd "$CACHE" && npm pack --silent "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" >/dev/null \
      && tar xzf "node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tgz" package/llama/gitRelease.bundle)
  fi
  rm -rf "$CACHE/llama.cpp.partial"
  git -c advice.detachedHead=false clone -q "$CACHE/package/llama/gitRelease.bundle" "$CACHE/llama.cpp.partial"
  mv "$CACHE/llama.cpp.partial" "$CACHE/llama.cpp"
}

# Only the llama-server target, static, no tests/examples/web UI/OpenSSL/curl: the fastest build that serves.
compile() {
  local log=$CACHE/build.log
  say "building llama.cpp llama-server (node-llama-cpp $NODE_LLAMA_CPP_VERSION, CPU; ~10-15 min on 2 cores the first time); log: $log"
  local start=$SECONDS
  if ! { cmake -S "$CACHE/llama.cpp" -B "$CACHE/build" -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON \
      -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
      -DLLAMA_BUILD_UI=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF \
      && cmake --build "$CACHE/build" --target llama-server -j2; } >"$log" 2>&1; then
    say "build failed; last lines of $log:"
    tail -n 20 "$log" >&2
    exit 1
  fi
  mkdir -p "$CACHE/bin"
  # Copy then rename, so an interrupted run never leaves a half-written binary where the cache check looks.
  cp "$CACHE/build/bin/llama-server" "$BIN.partial"
  mv "$BIN.partial" "$BIN"
  say "built in $((SECONDS - start)) s: $BIN"
}

build() {
  mkdir -p "$CACHE"
  # One build at a time: a second caller waits for the first instead of compiling the same tree beside it.
  exec 9>"$CACHE/build.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  if [ ! -x "$BIN" ]; then
    ensure_tools
    fetch_source
    compile
  fi
  echo "$BIN"
}

case "${1:-}" in
  build) build ;;
  path) echo "$BIN" ;;
  src) echo "$CACHE/llama.cpp" ;;
  *)
    echo "usage: $0 build|path|src" >&2
    exit 2
    ;;
esac
