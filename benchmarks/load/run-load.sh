#!/usr/bin/env bash
# 60 s of load on the chat sample with wrk: sessions, the profile cache and events all on.
#   1. start the sample: ./mvnw -Prun -DskipTests -pl sample-app -am verify   (add -Dsample.nodes=2 for two nodes)
#   2. bash benchmarks/load/run-load.sh [base URL] [seconds] [connections]
# Registers 8 users (the sample allows 10 registrations per 10 minutes per address), creates a room, then runs wrk
# with chat-load.lua: 2 threads, 16 connections by default, each request with a user's session cookie.
set -euo pipefail
base=${1:-http://localhost:8080/redisee-sample/}
seconds=${2:-60}
connections=${3:-16}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

run=$(date +%s)
room="load-$run"
: > "$work/cookies.tsv"
for i in 1 2 3 4 5 6 7 8; do
    name="load$i-$run"
    cookie=$(curl -s --max-time 30 -o /dev/null -D - -H 'Content-Type: application/json' \
        -d "{\"name\":\"$name\",\"password\":\"load-password-$i\"}" "${base}api/accounts" \
        | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(SESSION=[^;]*\).*/\1/p' | tail -n 1)
    [ -n "$cookie" ] || { echo "registering $name failed (rate limit? 10 per 10 minutes per address)" >&2; exit 1; }
    printf '%s\t%s\n' "$name" "$cookie" >> "$work/cookies.tsv"
done
first_cookie=$(head -n 1 "$work/cookies.tsv" | cut -f2)
status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H "Cookie: $first_cookie" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$room\"}" "${base}api/rooms")
[ "$status" = 200 ] || [ "$status" = 201 ] || { echo "creating room $room answered $status" >&2; exit 1; }

echo "[chat-load] $base, $seconds s, $connections connections, 8 users, room $room"
COOKIES="$work/cookies.tsv" ROOM="$room" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/chat-load.lua" "$base"
