#!/usr/bin/env bash
# Set-up on a fresh machine: pnpm, the project's packages (including the pinned Claude Code CLI),
# a grader Python with pytest, FastAPI and httpx, and (Debian) Chromium for the history page tests.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm 12 with npm"
  npm install -g pnpm@12.21.0 >/dev/null
fi
pnpm install --frozen-lockfile

has_graders() { "$1" -c 'import pytest, fastapi, httpx' >/dev/null 2>&1; }
if has_graders /usr/bin/python3 || { command -v python3 >/dev/null && has_graders "$(command -v python3)"; }; then
  echo "setup: grader Python ready"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing Debian's python3-pytest python3-fastapi python3-httpx"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest python3-fastapi python3-httpx >/dev/null
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: run: sudo apt-get install -y python3-pytest python3-fastapi python3-httpx" >&2
  exit 1
else
  echo "setup: the graders need pytest, fastapi and httpx; run: python3 -m pip install --user pytest fastapi httpx (or pass --python PATH to pnpm bench)" >&2
  exit 1
fi

# The history page is tested in Debian's own headless Chromium (playwright-core drives it; no
# browser is downloaded). Only the tests need it, so elsewhere (the macOS bench runner) it is a hint.
if [ -x /usr/bin/chromium ]; then
  echo "setup: Chromium ready for the history page tests"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing Debian's chromium for the history page tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: the history page tests need Chromium; run: sudo apt-get install -y chromium" >&2
else
  echo "setup: the history page tests need Debian's /usr/bin/chromium; they run on Linux CI" >&2
fi
