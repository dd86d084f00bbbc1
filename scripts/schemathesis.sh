#!/usr/bin/env bash
# `make schemathesis`: schemathesis against a live `casebook serve` of a copy of sample-repo, with
# an admin's write token (uploads included). Fails on a 5xx, an answer its schema does not allow,
# or a rejection of a request the document allows that is not one of the rejections by design.
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${SCHEMATHESIS_EXAMPLES:-80}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
binary=.build/debug/casebook
cp -r sample-repo "$work/repo"
git -C "$work/repo" init -q && git -C "$work/repo" add -A && git -C "$work/repo" -c user.name=st -c user.email=st@example.com commit -qm sample
"$binary" user add --admin ada --database "$work/db/casebook.sqlite" <<< "admin password" > /dev/null
token="$("$binary" token create --user ada --name schemathesis --write --database "$work/db/casebook.sqlite")"
port=$((20000 + RANDOM % 20000))
"$binary" serve --project "$work/repo" --database "$work/db/casebook.sqlite" --port "$port" --poll 0 --access-log off --log-level error &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health/live" > /dev/null && break; sleep 0.1; done
# Revoking the run's own token or signing out would end the run early.
.build-st/bin/st run schemas/openapi.yaml -u "http://127.0.0.1:$port" -H "Authorization: Bearer $token" --checks all \
    --max-examples "$examples" --workers 2 --exclude-operation-id revokeToken --exclude-operation-id logout | tee "$work/report.txt" || true
python3 scripts/schemathesis_verdict.py "$work/report.txt"
