#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for tests.
#
#   scripts/pg-cluster.sh start   # prints postgres://postgres@127.0.0.1:PORT/wuye_test (last stdout line)
#   scripts/pg-cluster.sh url     # prints the URL of the running cluster
#   scripts/pg-cluster.sh status  # exit 0 if running
#   scripts/pg-cluster.sh stop    # stops the server and deletes its directory
#   scripts/pg-cluster.sh halt    # stops the server (fast: open connections are cut), keeps its data
#   scripts/pg-cluster.sh resume  # starts a halted server again on the same port; prints the URL
#
# Env: PG_STATE_FILE (default /tmp/wuye-pg-cluster.env), PG_DB (default wuye_test),
#      PG_TMP_ROOT (default /tmp; must be traversable by the postgres user).
# Progress goes to stderr so that `URL=$(scripts/pg-cluster.sh start)` captures only the URL.
set -euo pipefail

STATE_FILE=${PG_STATE_FILE:-/tmp/wuye-pg-cluster.env}
DB_NAME=${PG_DB:-wuye_test}
TMP_ROOT=${PG_TMP_ROOT:-/tmp}
PG_OS_USER=${PG_OS_USER:-postgres}  # overridable only to test the useradd path

log() { echo "pg-cluster: $*" >&2; }
die() { log "error: $*"; exit 1; }

find_bin_dir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
    echo "$d"
  fi
}

ensure_server_binaries() {
  local d
  d=$(find_bin_dir)
  if [[ -z $d ]]; then
    [[ $(id -u) -eq 0 ]] || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin and not root to install them"
    log "PostgreSQL server not found; installing it with apt-get"
    # (The package also sets up a default cluster on 5432; harmless, we never use it.)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -q --no-install-recommends postgresql >&2
    d=$(find_bin_dir)
    [[ -n $d ]] || die "postgresql installed but no binaries under /usr/lib/postgresql/*/bin"
  fi
  echo "$d"
}

# initdb/pg_ctl refuse to run as root, so as root everything server-side runs as `postgres`.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    # cd / so the postgres user is never left in an unreadable cwd (initdb complains).
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

ensure_pg_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  if ! getent passwd "$PG_OS_USER" >/dev/null; then
    log "creating system user $PG_OS_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$PG_OS_USER" >&2
  fi
}

free_port() {
  # Ask the kernel for an unused port; a race with another process is handled by retrying start.
  if command -v node >/dev/null; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' && return
  fi
  if command -v python3 >/dev/null; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()' && return
  fi
  local p
  for ((p = 55432; p < 56432; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port found"
}

load_state() {
  [[ -s $STATE_FILE ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE_FILE"
  [[ -n ${PG_DIR:-} && -n ${PG_PORT:-} && -n ${PG_BIN:-} && -n ${PG_URL:-} ]]
}

is_running() {
  load_state || return 1
  [[ -f $PG_DIR/data/postmaster.pid ]] || return 1
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

url_of() { echo "postgres://postgres@127.0.0.1:$1/$DB_NAME"; }

cmd_start() {
  if is_running; then
    # Reuse rather than clobber: the state file may belong to a cluster someone is using.
    log "already running (state in $STATE_FILE)"
    echo "$PG_URL"
    return 0
  fi
  if load_state; then
    log "stale state file $STATE_FILE; cleaning up"
    cmd_stop
  fi

  # Globals, not locals: the EXIT trap may run after this function's scope is gone.
  local port attempt started=0
  bin=$(ensure_server_binaries)
  ensure_pg_user
  dir=$(mktemp -d "$TMP_ROOT/wuye-pg.XXXXXX")
  # If anything below fails, leave nothing behind.
  trap 'as_pg "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
  mkdir -p "$dir/sock"
  [[ $(id -u) -eq 0 ]] && chown -R "$PG_OS_USER:" "$dir"
  chmod 700 "$dir"

  log "initdb ($bin) in $dir"
  # C locale + UTF8: byte-order sorting like SQLite's BINARY collation, and no dependency
  # on which locales the machine has generated. -N: no fsync, the data is disposable.
  if ! as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale -N \
      >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    log "starting on 127.0.0.1:$port (attempt $attempt)"
    rm -f "$dir/server.log"
    # Durability off: it is a test database and this makes schema resets much faster.
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >&2; then
      started=1
      break
    fi
    # Port taken between probing and binding: try another; anything else is fatal.
    if ! grep -qiE 'could not (bind|create listen socket)|address already in use' "$dir/server.log" 2>/dev/null; then
      break
    fi
  done
  if [[ $started -ne 1 ]]; then
    tail -n 30 "$dir/server.log" >&2 || true
    die "server did not start"
  fi

  local i
  for ((i = 0; i < 60; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 && break
    sleep 0.5
  done
  "$bin/pg_isready" -h 127.0.0.1 -p "$port" -t 5 >&2 || { tail -n 30 "$dir/server.log" >&2; die "server not accepting connections"; }

  "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v db="$DB_NAME" <<<'CREATE DATABASE :"db"' >&2

  {
    printf 'PG_DIR=%q\n' "$dir"
    printf 'PG_PORT=%q\n' "$port"
    printf 'PG_BIN=%q\n' "$bin"
    printf 'PG_URL=%q\n' "$(url_of "$port")"
  } >"$STATE_FILE"
  trap - EXIT
  log "ready; state in $STATE_FILE, log in $dir/server.log"
  url_of "$port"
}

cmd_stop() {
  if ! load_state; then
    log "no cluster recorded in $STATE_FILE; nothing to stop"
    rm -f "$STATE_FILE"
    return 0
  fi
  # `pg_ctl status` first: stopping a postmaster that already died would wait out the timeout.
  if [[ -f $PG_DIR/data/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast -w -t 30 >&2 \
      || as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m immediate -w -t 10 >&2 || true
    # Last resort if pg_ctl could not stop it (e.g. a wedged postmaster).
    if [[ -f $PG_DIR/data/postmaster.pid ]]; then
      local pid
      pid=$(head -n1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)
      [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  # Guard against a corrupted state file pointing rm at something that is not ours.
  case $PG_DIR in
    "$TMP_ROOT"/wuye-pg.* | /tmp/wuye-pg.*) rm -rf "$PG_DIR" ;;
    *) log "refusing to delete unexpected dir '$PG_DIR'" ;;
  esac
  rm -f "$STATE_FILE"
  log "stopped"
}

# halt/resume: a database restart as production sees one (tests of the app's reconnecting).
cmd_halt() {
  load_state || die "no cluster recorded in $STATE_FILE"
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast -w -t 30 >&2
  fi
  log "halted (data kept in $PG_DIR)"
}

cmd_resume() {
  load_state || die "no cluster recorded in $STATE_FILE"
  if ! is_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start -o \
      "-p $PG_PORT -k $PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >&2 || { tail -n 30 "$PG_DIR/server.log" >&2; die "server did not start again"; }
  fi
  log "resumed"
  echo "$PG_URL"
}

cmd_url() {
  is_running || die "no running cluster recorded in $STATE_FILE"
  echo "$PG_URL"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  status) is_running ;;
  halt) cmd_halt ;;
  resume) cmd_resume ;;
  *) echo "usage: $0 start|stop|url|status|halt|resume" >&2; exit 2 ;;
esac
