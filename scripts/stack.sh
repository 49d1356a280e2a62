#!/usr/bin/env bash
# The local streaming stack for development and tests: Debian's redis-server and clickhouse-server and a
# librdkafka mock Kafka cluster (hosted by kcat), all on 127.0.0.1 with free ports and one temporary state
# directory. No Docker needed; docker-compose.yml runs the same topology with real Kafka for users.
#
#   scripts/stack.sh install [--report]      apt-get installs the Debian packages that are missing (sudo if not root);
#                                            --report also Chromium and a CJK font, which render the monthly report
#   scripts/stack.sh start [--dir DIR] [--brokers N]
#                                            installs if needed, starts the three servers, waits until each answers,
#                                            writes DIR/stack.env and prints the same lines:
#                                              KAFKA_BOOTSTRAP=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3
#                                              REDIS=127.0.0.1:P
#                                              CLICKHOUSE_URL=http://127.0.0.1:P
#                                              STACK_DIR=DIR
#                                            DIR defaults to a new mktemp -d; the servers outlive this script.
#   scripts/stack.sh stop [--dir DIR] [--keep]
#                                            stops the servers (TERM, then KILL after a timeout) and removes DIR
#                                            (unless --keep); DIR defaults to the most recent start
#   scripts/stack.sh status [--dir DIR]      what runs and whether it answers (exit 0 when all three answer)
#   scripts/stack.sh env [--dir DIR]         prints DIR/stack.env
#
# In a shell:  eval "$(scripts/stack.sh start)"   or   set -a; . "$STACK_DIR/stack.env"; set +a
# The most recent start's directory is recorded in ${TMPDIR:-/tmp}/chroniccare-stack.last.
# Exit codes: 0 ok, 1 failure (one line on stderr: "stack.sh: <reason>"), 2 bad arguments,
# 3 (status only) some server is not running or not answering.
set -euo pipefail

PROG=stack.sh
SELF=$0
TMPROOT=${TMPDIR:-/tmp}
LAST_FILE=$TMPROOT/chroniccare-stack.last
MARKER=.chroniccare-stack
# prometheus: for its promtool, which checks `run`'s /metrics page in the tests (the stack starts no Prometheus server).
PACKAGES=(redis-server clickhouse-server clickhouse-client librdkafka1 librdkafka-dev kcat prometheus)
# The report's PNG rendering and its layout tests: headless Chromium and a CJK font (the smallest that renders it);
# chromium-driver (WebDriver) drives the triage page in its browser test.
REPORT_PACKAGES=(chromium chromium-driver fonts-wqy-zenhei)
SERVICES=(kafka redis clickhouse)
WAIT_SECONDS=${STACK_WAIT_SECONDS:-30}     # per server, for it to answer
STOP_SECONDS=${STACK_STOP_SECONDS:-20}     # per server, between TERM and KILL

die() { echo "$PROG: $*" >&2; exit 1; }
usage() { echo "usage: $PROG install [--report] | start [--dir DIR] [--brokers N] | stop [--dir DIR] [--keep] | status [--dir DIR] | env [--dir DIR]" >&2; exit 2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%01d' $((ms / 1000)) $(((ms % 1000) / 100)); }

# ---------------------------------------------------------------------------------------------------- install

cmd_install() {
  local missing=() p wanted=("${PACKAGES[@]}")
  case "${1:-}" in
    "") ;;
    --report) wanted+=("${REPORT_PACKAGES[@]}") ;;
    *) usage ;;
  esac
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo; install by hand: ${missing[*]}"
    sudo=(sudo -n)
  fi
  local log
  log=$(mktemp "$TMPROOT/chroniccare-stack-apt.XXXXXX")
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
       >"$log" 2>&1; then
    die "apt-get install ${missing[*]} failed: $(grep -v '^\s*$' "$log" | tail -n 1) (full log: $log)"
  fi
  rm -f "$log"
  echo "$PROG: installed ${missing[*]}" >&2
}

# ---------------------------------------------------------------------------------------------------- helpers

# True when something accepts connections on 127.0.0.1:$1.
port_in_use() { (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Sets variable $1 to a free loopback port below the ephemeral range (so the mock brokers' ephemeral ports
# cannot take it), not one of those already handed out by this run.
TAKEN=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))
    case "$TAKEN" in *" $p "*) continue ;; esac
    if ! port_in_use "$p"; then TAKEN="$TAKEN$p "; printf -v "$1" '%s' "$p"; return 0; fi
  done
  die "no free port found on 127.0.0.1"
}

# Starts "$@" in its own session, detached from this script's terminal and output, and writes its pid
# (the exec'd server's own pid) to $1 before exec.
spawn() {
  local pidfile=$1 log=$2; shift 2
  rm -f "$pidfile"
  setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$pidfile" "$@" </dev/null >"$log" 2>&1 &
  for _ in $(seq 1 100); do [ -s "$pidfile" ] && return 0; sleep 0.02; done
  die "could not start $1 (pid file $pidfile not written)"
}

# The pid in $dir/$svc.pid when that process is alive and is still the server started there.
live_pid() {
  local dir=$1 svc=$2 pid exe
  [ -s "$dir/$svc.pid" ] || return 1
  pid=$(cat "$dir/$svc.pid")
  case "$svc" in kafka) exe=kcat ;; redis) exe=redis-server ;; clickhouse) exe=clickhouse-server ;; esac
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$exe" || return 1
  echo "$pid"
}

http_ping() {   # ClickHouse's /ping answers "Ok."; plain bash so that curl is not needed
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /ping HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    grep -q "^Ok\." <&3' _ "$1" 2>/dev/null
}

redis_ping() { [ "$(timeout 3 redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]; }

kafka_ping() {  # metadata from the bootstrap list names every broker
  local n
  n=$(timeout 10 kcat -b "$1" -L -t keepalive -m 5 2>/dev/null | sed -n 's/^ *\([0-9]*\) brokers:.*/\1/p')
  [ -n "$n" ] && [ "$n" -ge 1 ]
}

clickhouse_bin() {
  command -v clickhouse-server 2>/dev/null || { [ -x /usr/sbin/clickhouse-server ] && echo /usr/sbin/clickhouse-server; } ||
    die "clickhouse-server not found (run: $SELF install)"
}

# Resolves --dir for stop/status/env: the given one, else the most recent start's (empty when none).
resolve_dir() {
  if [ -n "${1:-}" ]; then (cd "$1" 2>/dev/null && pwd) || echo "$1"; return 0; fi
  [ -s "$LAST_FILE" ] && cat "$LAST_FILE"
  return 0
}

env_value() { sed -n "s/^$2=//p" "$1/stack.env" 2>/dev/null | head -n 1; }

# ---------------------------------------------------------------------------------------------------- servers

start_kafka() {   # $1 dir, $2 brokers
  mkdir -p "$1/kafka"
  # kcat with test.mock.num.brokers hosts the mock cluster in-process and logs (librdkafka level 5, stderr)
  # "Mock cluster enabled: ... replaced with 127.0.0.1:P1,...". It consumes the topic keepalive to stay up.
  spawn "$1/kafka.pid" "$1/kafka/kcat.log" \
    kcat -q -b 127.0.0.1:1 -X "test.mock.num.brokers=$2" -C -t keepalive -o end
}

wait_kafka() {    # $1 dir; prints the bootstrap list
  local dir=$1 deadline=$(( $(date +%s) + WAIT_SECONDS )) bs=
  while [ -z "$bs" ]; do
    live_pid "$dir" kafka >/dev/null || die "the mock Kafka cluster (kcat) exited: $(tail -n 1 "$dir/kafka/kcat.log" 2>/dev/null)"
    bs=$(sed -n 's/.*Mock cluster enabled.*replaced with \([0-9.:,]*\).*/\1/p' "$dir/kafka/kcat.log" | head -n 1)
    [ -n "$bs" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || die "the mock Kafka cluster printed no bootstrap list in ${WAIT_SECONDS}s (see $dir/kafka/kcat.log)"
    sleep 0.05
  done
  until kafka_ping "$bs"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "the mock Kafka cluster at $bs gives no metadata"
    sleep 0.1
  done
  # Round trip through the cluster from other processes: produce one message, read it back.
  local token="stack-selftest-$$-$RANDOM" got
  printf '%s\n' "$token" | timeout 10 kcat -b "$bs" -P -t keepalive -m 5 2>"$dir/kafka/selftest.log" ||
    die "producing to the mock Kafka cluster at $bs failed: $(tail -n 1 "$dir/kafka/selftest.log")"
  got=$(timeout 10 kcat -b "$bs" -C -t keepalive -o beginning -c 1 -e -q -m 5 2>>"$dir/kafka/selftest.log" || true)
  [ "$got" = "$token" ] || die "the mock Kafka cluster at $bs did not return the message produced to it"
  echo "$bs"
}

start_redis() {   # $1 dir, $2 port
  mkdir -p "$1/redis"
  spawn "$1/redis.pid" "$1/redis/stdout.log" \
    redis-server --bind 127.0.0.1 --port "$2" --protected-mode yes \
      --appendonly yes --appendfsync everysec --save '' \
      --dir "$1/redis" --logfile "$1/redis/redis.log" --daemonize no
}

start_clickhouse() {  # $1 dir, $2 http port, $3 tcp port, $4 interserver port
  local ch=$1/clickhouse src=/etc/clickhouse-server
  [ -r "$src/config.xml" ] && [ -r "$src/users.xml" ] || die "$src/config.xml or users.xml missing (run: $SELF install)"
  mkdir -p "$ch/data" "$ch/log"
  cp "$src/users.xml" "$ch/users.xml"
  # The packaged config with every path under the state dir, our ports, loopback only, and no extra
  # listeners (TLS, MySQL, PostgreSQL, gRPC protocols of newer versions).
  local esc   # $ch escaped for XML, then for a sed replacement
  esc=$(printf '%s' "$ch" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/[#&\\]/\\&/g')
  sed -E \
    -e "s#/var/lib/clickhouse/#$esc/data/#g" \
    -e "s#/var/log/clickhouse-server/#$esc/log/#g" \
    -e "s#<http_port>[0-9]+</http_port>#<http_port>$2</http_port>#" \
    -e "s#<tcp_port>[0-9]+</tcp_port>#<tcp_port>$3</tcp_port>#" \
    -e "s#<interserver_http_port>[0-9]+</interserver_http_port>#<interserver_http_port>$4</interserver_http_port>#" \
    -e '/<(listen_host|https_port|tcp_port_secure|interserver_https_port|mysql_port|postgresql_port|grpc_port)>/d' \
    -e 's#^<(yandex|clickhouse)>[[:space:]]*$#&\n    <listen_host>127.0.0.1</listen_host>#' \
    "$src/config.xml" >"$ch/config.xml"
  grep -q '<listen_host>127.0.0.1</listen_host>' "$ch/config.xml" || die "could not rewrite $src/config.xml (unknown layout)"
  # Runs as root too when started directly with its own config (only the init script switches users).
  spawn "$1/clickhouse.pid" "$ch/log/stdout.log" "$(clickhouse_bin)" --config-file="$ch/config.xml"
}

# Waits until the server started in $1 answers on port $3 ($2 = redis|clickhouse); returns 1 when it
# died (typically: the port was taken between the check and the bind), 0 when it answers.
wait_port_server() {
  local dir=$1 svc=$2 port=$3 deadline=$(( $(date +%s) + WAIT_SECONDS ))
  while :; do
    if [ "$svc" = redis ]; then redis_ping "$port" && return 0; else http_ping "$port" && return 0; fi
    live_pid "$dir" "$svc" >/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || die "$svc on 127.0.0.1:$port did not answer in ${WAIT_SECONDS}s (logs in $dir/$svc)"
    sleep 0.05
  done
}

# TERM, wait up to STOP_SECONDS, then KILL. Prints "svc (pid N)" or nothing.
stop_service() {
  local dir=$1 svc=$2 pid
  pid=$(live_pid "$dir" "$svc") || { rm -f "$dir/$svc.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((STOP_SECONDS * 20))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "$PROG: $svc (pid $pid) ignored TERM for ${STOP_SECONDS}s; killed" >&2
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  fi
  rm -f "$dir/$svc.pid"
  echo "$svc (pid $pid)"
}

stop_all() {   # $1 dir; stops the three at once, prints what was stopped
  local dir=$1 svc out bg_pids=()
  out=$(mktemp "$TMPROOT/chroniccare-stack-stop.XXXXXX")
  for svc in "${SERVICES[@]}"; do stop_service "$dir" "$svc" >>"$out" & bg_pids+=($!); done
  wait "${bg_pids[@]}" || true
  paste -sd, "$out" | sed 's/,/, /g'
  rm -f "$out"
}

# ---------------------------------------------------------------------------------------------------- commands

START_DIR=''
on_start_exit() {   # a start that failed half-way: stop what it started, remove its directory
  local rc=$?
  [ $rc -ne 0 ] && [ -n "$START_DIR" ] || return 0
  stop_all "$START_DIR" >/dev/null 2>&1 || true
  rm -rf "${START_DIR:?}"
  rm -f "$LAST_FILE"
}

cmd_start() {
  local dir='' brokers=3
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) [ $# -ge 2 ] || usage; dir=$2; shift 2 ;;
      --brokers) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]?$ ]] || usage; brokers=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  cmd_install
  local t0; t0=$(now_ms)

  if [ -z "$dir" ]; then
    dir=$(mktemp -d "$TMPROOT/chroniccare-stack.XXXXXX")
  else
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -e "$dir/$MARKER" ]; then
      local s; for s in "${SERVICES[@]}"; do
        live_pid "$dir" "$s" >/dev/null && die "a stack already runs in $dir (stop it first: $SELF stop --dir $dir)"
      done
      rm -rf "${dir:?}/kafka" "$dir/redis" "$dir/clickhouse" "$dir/stack.env"
    elif [ -n "$(ls -A "$dir")" ]; then
      die "$dir is not empty and holds no stack; give an empty or new directory"
    fi
  fi
  touch "$dir/$MARKER"
  echo "$dir" >"$LAST_FILE"
  # Whatever fails from here on stops what was started and removes the directory.
  START_DIR=$dir
  trap on_start_exit EXIT

  local redis_port ch_http ch_tcp ch_inter attempt
  free_port redis_port; free_port ch_http; free_port ch_tcp; free_port ch_inter
  start_kafka "$dir" "$brokers"
  start_redis "$dir" "$redis_port"
  start_clickhouse "$dir" "$ch_http" "$ch_tcp" "$ch_inter"

  for attempt in 1 2 3 4; do
    wait_port_server "$dir" redis "$redis_port" && break
    [ $attempt -lt 4 ] || die "redis-server exited: $(tail -n 1 "$dir/redis/redis.log" 2>/dev/null)"
    free_port redis_port; start_redis "$dir" "$redis_port"
  done
  for attempt in 1 2 3 4; do
    wait_port_server "$dir" clickhouse "$ch_http" && break
    [ $attempt -lt 4 ] || die "clickhouse-server exited: $(tail -n 1 "$dir/clickhouse/log/clickhouse-server.err.log" 2>/dev/null)"
    free_port ch_http; free_port ch_tcp; free_port ch_inter
    start_clickhouse "$dir" "$ch_http" "$ch_tcp" "$ch_inter"
  done
  local bootstrap; bootstrap=$(wait_kafka "$dir")

  cat >"$dir/stack.env" <<EOF
KAFKA_BOOTSTRAP=$bootstrap
REDIS=127.0.0.1:$redis_port
CLICKHOUSE_URL=http://127.0.0.1:$ch_http
STACK_DIR=$dir
EOF
  trap - EXIT
  cat "$dir/stack.env"
  echo "$PROG: stack up in $(secs_since "$t0") s (stop: $SELF stop --dir $dir)" >&2
}

cmd_stop() {
  local dir='' keep=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) [ $# -ge 2 ] || usage; dir=$2; shift 2 ;;
      --keep) keep=1; shift ;;
      *) usage ;;
    esac
  done
  local explicit=$dir
  dir=$(resolve_dir "$dir")
  if [ -z "$dir" ]; then
    echo "$PROG: no stack started (no $LAST_FILE); nothing to stop" >&2
    return 0
  fi
  if [ ! -d "$dir" ]; then
    [ -n "$explicit" ] || rm -f "$LAST_FILE"
    echo "$PROG: no stack in $dir; nothing to stop" >&2
    return 0
  fi
  [ -e "$dir/$MARKER" ] || die "$dir holds no stack (no $MARKER); not touching it"
  local t0 stopped; t0=$(now_ms)
  stopped=$(stop_all "$dir")
  if [ $keep -eq 0 ]; then rm -rf "${dir:?}"; fi
  if [ -s "$LAST_FILE" ] && [ "$(cat "$LAST_FILE")" = "$dir" ]; then rm -f "$LAST_FILE"; fi
  echo "$PROG: stopped ${stopped:-nothing (no server was running)} in $(secs_since "$t0") s;" \
       "$([ $keep -eq 0 ] && echo "removed $dir" || echo "kept $dir")"
}

cmd_status() {
  local dir=''
  while [ $# -gt 0 ]; do
    case "$1" in --dir) [ $# -ge 2 ] || usage; dir=$2; shift 2 ;; *) usage ;; esac
  done
  dir=$(resolve_dir "$dir")
  [ -n "$dir" ] || { echo "$PROG: no stack started (no $LAST_FILE)" >&2; return 3; }
  [ -d "$dir" ] && [ -e "$dir/$MARKER" ] || { echo "$PROG: no stack in $dir" >&2; return 3; }
  local svc pid addr state all=0
  echo "STACK_DIR=$dir"
  for svc in "${SERVICES[@]}"; do
    case "$svc" in
      kafka) addr=$(env_value "$dir" KAFKA_BOOTSTRAP) ;;
      redis) addr=$(env_value "$dir" REDIS) ;;
      clickhouse) addr=$(env_value "$dir" CLICKHOUSE_URL) ;;
    esac
    if pid=$(live_pid "$dir" "$svc"); then
      state="running, not answering"
      case "$svc" in
        kafka) [ -n "$addr" ] && kafka_ping "$addr" && state="up" ;;
        redis) [ -n "$addr" ] && redis_ping "${addr##*:}" && state="up" ;;
        clickhouse) [ -n "$addr" ] && http_ping "${addr##*:}" && state="up" ;;
      esac
      printf '%-11s %-22s pid %-8s %s\n' "$svc" "$state" "$pid" "${addr:--}"
    else
      state="stopped"
      printf '%-11s %-22s %-12s %s\n' "$svc" "$state" "" "${addr:--}"
    fi
    [ "$state" = up ] || all=3
  done
  return $all
}

cmd_env() {
  local dir=''
  while [ $# -gt 0 ]; do
    case "$1" in --dir) [ $# -ge 2 ] || usage; dir=$2; shift 2 ;; *) usage ;; esac
  done
  dir=$(resolve_dir "$dir")
  [ -n "$dir" ] || die "no stack started (no $LAST_FILE); pass --dir DIR"
  [ -s "$dir/stack.env" ] || die "no stack.env in $dir"
  cat "$dir/stack.env"
}

[ $# -ge 1 ] || usage
cmd=$1; shift
case "$cmd" in
  install) [ $# -le 1 ] || usage; cmd_install "$@" ;;
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  env) cmd_env "$@" ;;
  -h|--help|help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' ;;
  *) usage ;;
esac
