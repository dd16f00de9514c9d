#!/usr/bin/env bash
# Makes sure the PostgreSQL server the tests use is reachable. With TEST_POSTGRES_URL set, it only
# checks that server. Otherwise it checks 127.0.0.1:5432 and, when nothing answers, starts the local
# cluster, installing Debian's postgresql package first if needed (as root). Fails loudly.
set -euo pipefail

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  node -e "const pg=require('pg');const c=new pg.Client({connectionString:process.env.TEST_POSTGRES_URL});c.connect().then(()=>c.end()).catch(e=>{console.error('TEST_POSTGRES_URL is not reachable: '+e.message);process.exit(1)})" 2>/dev/null \
    || { echo "ensure-postgres: TEST_POSTGRES_URL is not reachable" >&2; exit 1; }
  exit 0
fi

reachable() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if reachable; then exit 0; fi
echo "ensure-postgres: nothing answers on 127.0.0.1:5432; starting PostgreSQL" >&2
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-postgres: PostgreSQL is not installed and this is not a root Debian machine; install PostgreSQL or set TEST_POSTGRES_URL" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
# The tests connect as postgres over TCP without a password, as on our machines (trust on loopback).
if ! grep -q "^host all all 127.0.0.1/32 trust" "$conf/pg_hba.conf"; then
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf/pg_hba.conf"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do
  if reachable; then exit 0; fi
  sleep 1
done
echo "ensure-postgres: PostgreSQL did not come up on 127.0.0.1:5432" >&2
exit 1
