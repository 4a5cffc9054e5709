#!/usr/bin/env bash
# Checks the Prometheus alerting rules and runs their unit tests with promtool (Debian package
# `prometheus`; CI installs it when missing).
set -euo pipefail
cd "$(dirname "$0")/prometheus"
if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found: apt-get install -y prometheus" >&2
  exit 1
fi
promtool check rules alerts.yml
promtool test rules alerts.test.yml
