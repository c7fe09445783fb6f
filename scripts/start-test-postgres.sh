#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the storage contract tests and prints, on stdout,
#   export NINSHO_TEST_PG='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres'
# so that `eval "$(scripts/start-test-postgres.sh)"` sets up the current shell.
#
# Usage: scripts/start-test-postgres.sh [DIR]      (DIR defaults to /tmp/ninsho-pg)
#   NINSHO_PG_PORT overrides the port (default 55432).
#
# Idempotent: a cluster already initialised in DIR is reused, and one already running is left alone.
# As root, the server runs as the `postgres` user (created by Debian's package), so DIR must be
# reachable by that user (anything under /tmp is). Auth is `trust` on 127.0.0.1 only: tests only.
# fsync is off: the data is thrown away, and it makes CI faster.
set -euo pipefail

dir="${1:-/tmp/ninsho-pg}"
port="${NINSHO_PG_PORT:-55432}"
data="$dir/data"
log="$dir/server.log"

say() { echo "start-test-postgres: $*" >&2; }

find_bin() {
    local name="$1" found
    if found="$(command -v "$name" 2>/dev/null)"; then
        echo "$found"
        return 0
    fi
    found="$(ls -1d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$found" ]; then
        echo "$found"
        return 0
    fi
    return 1
}

if ! initdb="$(find_bin initdb)"; then
    say "initdb not found; installing postgresql with apt-get"
    if [ "$(id -u)" -ne 0 ]; then
        say "not root: install the postgresql package first"
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    initdb="$(find_bin initdb)"
fi
bindir="$(dirname "$(readlink -f "$initdb")")"
pg_ctl="$bindir/pg_ctl"

# Run a command as the cluster's owner: ourselves, or `postgres` when we are root (initdb refuses root).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    [ -d "$data" ] && chown -R postgres: "$data"
fi

if [ ! -s "$data/PG_VERSION" ]; then
    say "initialising a cluster in $data"
    as_owner "$initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
fi

if as_owner "$pg_ctl" status -D "$data" >/dev/null 2>&1; then
    say "already running ($data)"
else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        say "port $port is taken by another server; set NINSHO_PG_PORT to a free port"
        exit 1
    fi
    say "starting on 127.0.0.1:$port (log: $log)"
    as_owner "$pg_ctl" start -D "$data" -l "$log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2
fi

# The port the cluster really listens on (a cluster found running may have been started with another one).
running_port="$(sed -n 4p "$data/postmaster.pid" 2>/dev/null || true)"
port="${running_port:-$port}"
echo "export NINSHO_TEST_PG='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
