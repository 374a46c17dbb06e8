#!/usr/bin/env bash
# `npm test`: everything, against a real engine. On Debian as root it brings up the testbed itself
# (engine, registry mirror, Chromium); elsewhere it uses the running engine (Docker Desktop) and
# says what is missing. In CI (CI=true) engine tests fail rather than skip.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

prepare_machine() {
  if [[ -f /etc/debian_version && $(id -u) -eq 0 ]]; then
    echo "test: bringing up the testbed (scripts/testbed.sh)…"
    BERTH_SKIP_VERIFY="${BERTH_SKIP_VERIFY:-1}" bash scripts/testbed.sh >test-results/testbed.log 2>&1 || {
      tail -n 40 test-results/testbed.log >&2
      echo "test: the testbed failed (full log: test-results/testbed.log)" >&2
      return 1
    }
    tail -n 1 test-results/testbed.log
    return 0
  fi
  if ! docker info >/dev/null 2>&1; then
    echo "test: no Docker engine answers and this is not Debian as root: start Docker Desktop (or run npm run testbed on Debian)." >&2
  fi
  if [[ -z "${BERTH_CHROMIUM:-}" && ! -x /usr/bin/chromium ]]; then
    echo "test: no /usr/bin/chromium; set BERTH_CHROMIUM to a Chromium or Chrome binary for the end-to-end suite." >&2
  fi
}

prepare_machine || exit 1

status=0
echo "test: unit and integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

echo "test: build"
npx electron-vite build >test-results/build.log 2>&1 || { cat test-results/build.log; status=1; }

echo "test: end to end in Chromium through the harness, and the Electron suite (Playwright)"
npx playwright test || status=1

echo "test: end to end on the second engine, Podman (Playwright)"
BERTH_E2E_ENGINE=podman npx playwright test || status=1

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json \
  test-results/playwright-podman.json || status=1
exit $status
