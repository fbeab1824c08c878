#!/usr/bin/env bash
# differ benchmark: (1) in-warehouse diff of two 10M-row, 10-column DuckDB tables with 0.1% of rows
# changed, beside the floor `SELECT count(*) FROM a FULL JOIN b USING (key)` and the bound (one hash per
# row of every column joined on the key); (2) cross-database diff of a 1M-row MySQL table against its
# DuckDB copy with 10 planted differences, beside downloading both sides in full and comparing them, on
# the shared server over plain loopback; (3) the same across a network: a private MariaDB server (own
# data directory, socket and port; the shared one on 3306 is untouched) whose port is shaped with `tc`
# htb on the loopback interface, with latency from a small delaying TCP proxy (DifferBenchmark's
# DelayProxy; this kernel has no netem), in two profiles: 1 Gbit/s with 1 ms round trip, 100 Mbit/s
# with 20 ms. Everything (server, proxy, qdisc) is torn down by a trap.
# Baselines are measured in the same run, alternating with meshkit's runs; across the network the
# user's baseline is whole processes: `mariadb --batch --quick` to a file, then DuckDB comparing that
# file with the candidate (and the client alone for reference), against `meshkit diff --source` run
# from the distribution as a user runs it (cli/target/meshkit/bin/meshkit, built here when missing or
# stale, with its launcher's JVM options and class-data archive, kept in bench/work/meshkit-cache).
# Wall time is the measure; CPU time is shown beside it. Prints Markdown and writes it to
# bench/results/differ-<date>.md (differ-<date>-2.md and so on when that file exists).
# `bench/differ.sh 10000000 0 3 1000000` took 3.4 minutes idle with its data in place (session 8) and
# 9.7 minutes under load 14-19 from an empty bench/work/ (every table generated again, session 9).
#
#   bench/differ.sh [WAREHOUSE_ROWS=10000000] [MYSQL_ROWS=1000000] [RUNS=3] [NETWORK_ROWS=1000000]
#
# 0 rows skips a part. MySQL for (2) from MESHKIT_TEST_MYSQL_URL (default
# jdbc:mysql://127.0.0.1:3306/test?user=root, database meshkit_bench). (3) needs root (tc) and
# mariadbd/mariadb-install-db; its server listens on 127.0.0.1:3317, the proxy on 3318. DuckDB files
# go to bench/work/ (memory_limit 4GB).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rows="${1:-10000000}"
mysql_rows="${2:-1000000}"
runs="${3:-3}"
net_rows="${4:-1000000}"
url="${MESHKIT_TEST_MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/test?user=root}"
today="$(date -u +%F)"
out="$root/bench/results/differ-$today.md"
# a second run on the same day keeps the first one's file
n=2
while [ -e "$out" ]; do out="$root/bench/results/differ-$today-$n.md"; n=$((n + 1)); done
work="$root/bench/work"
mkdir -p "$work" "$root/bench/results"

test_classpath differ

load_before=$(load_average)
table=""
if [ "$rows" != 0 ] || [ "$mysql_rows" != 0 ]; then
  local_url="$url"
  [ "$mysql_rows" = 0 ] && local_url="-"
  table=$(java -Xmx2g -cp "$cp" io.meshkit.differ.DifferBenchmark "$work" "$rows" "$mysql_rows" "$local_url" "$runs" 2>"$work/differ-bench.log")
fi
load_mid=$(load_average)

# ---- (3) across databases over a shaped, delayed network ----
net_table=""
net_steps=""
if [ "$net_rows" != 0 ]; then
  # `meshkit diff` runs from the distribution as a user runs it: bin/meshkit with its JVM options and a
  # class-data archive (written by the warm-up run into a cache of the benchmark's own)
  "$root/meshkit" --version >/dev/null
  meshkit_cmd="$root/cli/target/meshkit/bin/meshkit"
  export MESHKIT_CACHE_DIR="$work/meshkit-cache"
  rm -rf "$MESHKIT_CACHE_DIR"
  net_port=3317
  proxy_port=3318
  netdir="$work/mysql-net"
  server_pid=""
  proxy_pid=""
  shaped=""
  teardown() {
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
    if [ -n "$server_pid" ]; then
      mariadb-admin --no-defaults -h127.0.0.1 -P"$net_port" -uroot shutdown 2>/dev/null || kill "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
    fi
    [ -n "$shaped" ] && tc qdisc del dev lo root 2>/dev/null || true
  }
  trap teardown EXIT
  trap 'exit 130' INT TERM
  if tc qdisc show dev lo | grep -q "^qdisc htb"; then
    echo "error: the loopback interface already has an htb qdisc (another benchmark?); not touching it" >&2
    exit 2
  fi
  if [ ! -d "$netdir/data/mysql" ]; then
    mkdir -p "$netdir"
    mariadb-install-db --no-defaults --datadir="$netdir/data" --user="$(id -un)" --auth-root-authentication-method=normal \
      --skip-test-db >"$netdir/install.log" 2>&1
  fi
  mariadbd --no-defaults --datadir="$netdir/data" --socket="$netdir/mysqld.sock" --port="$net_port" --bind-address=127.0.0.1 \
    --user="$(id -un)" --skip-grant-tables --skip-name-resolve --innodb-buffer-pool-size=1G --max-allowed-packet=64M \
    --pid-file="$netdir/mysqld.pid" --log-error="$netdir/error.log" &
  server_pid=$!
  for _ in $(seq 1 60); do
    mariadb --no-defaults -h127.0.0.1 -P"$net_port" -uroot -e "SELECT 1" >/dev/null 2>&1 && break
    sleep 1
  done
  # htb on lo: everything else in a class far faster than the loopback, this server's port (as source) in its own class
  tc qdisc add dev lo root handle 1: htb default 10 r2q 1000
  shaped=1
  tc class add dev lo parent 1: classid 1:10 htb rate 20gbit burst 4m cburst 4m
  tc class add dev lo parent 1: classid 1:20 htb rate 1gbit ceil 1gbit burst 256k cburst 256k quantum 65536
  tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip sport "$net_port" 0xffff flowid 1:20
  for profile in "1gbit 500 1 Gbit/s, 1 ms RTT" "100mbit 10000 100 Mbit/s, 20 ms RTT"; do
    set -- $profile
    rate="$1"; one_way_us="$2"; shift 2; label="$*"
    tc class change dev lo parent 1: classid 1:20 htb rate "$rate" ceil "$rate" burst 256k cburst 256k quantum 65536
    java -cp "$cp" io.meshkit.differ.DifferBenchmark proxy "$proxy_port" "$net_port" "$one_way_us" 2>>"$work/differ-proxy.log" &
    proxy_pid=$!
    sleep 1
    net_table+=$(java -Xmx2g -cp "$cp" io.meshkit.differ.DifferBenchmark network "$work" "$net_rows" \
      "jdbc:mysql://127.0.0.1:$proxy_port/meshkit_bench?user=root" "jdbc:mysql://127.0.0.1:$net_port/mysql?user=root" \
      "$server_pid" "$runs" "$label" "$meshkit_cmd" 2>"$work/differ-net.log")$'\n'
    net_steps+="- $(grep '^STEPS' "$work/differ-net.log" | sed 's/^STEPS //')"$'\n'
    kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""
  done
  tc -s class show dev lo classid 1:20 >"$work/differ-tc.log" 2>&1 || true
fi
load_after=$(load_average)

{
  echo "# differ benchmark, $today"
  echo
  if [ -n "$table" ]; then
    echo "Median of $runs runs after one warm-up each, baseline and meshkit alternately in the same run. CPU s: this JVM"
    echo "(DuckDB's threads included) plus the local MariaDB server; wall time is the measure."
    echo
    echo "$table"
    echo
  fi
  if [ -n "$net_table" ]; then
    echo "## Across databases over a network ($net_rows rows x 10 columns, 10 planted differences)"
    echo
    echo "A private MariaDB server (own data directory and port), its port shaped by \`tc\` htb on the loopback interface,"
    echo "latency added by a delaying TCP proxy; the candidate in DuckDB. Median of $runs runs after one warm-up, the download"
    echo "and the diff alternately. Server CPU from /proc of the private server; rows and bytes from its global status; the"
    echo "CPU of whole processes from /usr/bin/time."
    echo
    echo "| link | method | wall s (median) | faster than the download | client CPU s (this JVM, or the processes) | MySQL server CPU s | rows MySQL sent | bytes MySQL sent | differences found |"
    echo "|---|---|---:|---|---:|---:|---:|---:|---:|"
    printf '%s' "$net_table"
    echo
    echo "Where the diff's time goes (its last in-JVM run, and one whole process):"
    echo
    printf '%s' "$net_steps"
    echo
  fi
  echo "Machine: $(machine); MariaDB $(mariadbd --version | sed 's/.*Ver //; s/ for.*//')."
  echo "Load average before: $load_before; after the local part: $load_mid; after: $load_after (other helpers share this"
  echo "2-core machine: a load above 2 means the numbers were taken under load)."
} | tee "$out"
