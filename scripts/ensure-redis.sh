#!/usr/bin/env bash
# Makes sure the Redis server the tests use answers on 127.0.0.1:6379 (the shared rate-limit store's
# tests need one). With TEST_REDIS_URL set, it only checks that server. Otherwise, when nothing
# answers, it starts Debian's redis-server (installing it first if needed, as root), keeping nothing
# on disk. Fails loudly. The outage test starts a Redis of its own on another port; this one is never stopped.
set -euo pipefail

host=127.0.0.1
port=6379
if [ -n "${TEST_REDIS_URL:-}" ]; then
  hostport=${TEST_REDIS_URL#*://}
  hostport=${hostport#*@}
  hostport=${hostport%%/*}
  host=${hostport%%:*}
  port=${hostport##*:}
  [ "$port" = "$hostport" ] && port=6379
fi

reachable() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

if reachable; then exit 0; fi
if [ -n "${TEST_REDIS_URL:-}" ]; then
  echo "ensure-redis: TEST_REDIS_URL is not reachable" >&2
  exit 1
fi
echo "ensure-redis: nothing answers on $host:$port; starting Redis" >&2
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-redis: redis-server is not installed and this is not a root Debian machine; install Redis or set TEST_REDIS_URL" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes >/dev/null
for _ in $(seq 1 30); do
  if reachable; then exit 0; fi
  sleep 1
done
echo "ensure-redis: Redis did not come up on $host:$port" >&2
exit 1
