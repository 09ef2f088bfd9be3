#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on $PGHOST:$PGPORT (default 127.0.0.1:5432) for the test
# suite. On a Debian machine with a local cluster that is stopped, it starts it; if no server is
# installed at all, it installs Debian's package first. Tests create and drop their own databases.
set -euo pipefail
host="${PGHOST:-127.0.0.1}"
port="${PGPORT:-5432}"

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "PostgreSQL client tools missing; installing Debian's postgresql package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

if ready; then exit 0; fi

if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "Starting local PostgreSQL cluster $version/main" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
fi

for _ in $(seq 1 30); do
  ready && exit 0
  sleep 1
done
echo "PostgreSQL is not answering on $host:$port; set DATABASE_TEST_URL or start a server" >&2
exit 1
