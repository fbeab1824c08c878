#!/usr/bin/env bash
# snapshot-ingest benchmark: `meshkit ingest snapshot --threads 2` against the tools a user would pick
# instead, on the same tables of the local MariaDB, each a whole process as a user runs it, alternating,
# RUNS runs each, medians:
#   - `mariadb --batch --quick -e 'SELECT * FROM t' > /dev/null` (the server's raw serving rate);
#   - `mydumper -t 2 -r 250000` (the standard consistent MySQL snapshot; apt-get installs it if missing);
#   - meshkit's whole ingest (landing + staging into a fresh DuckDB file), its two phases from the JSON
#     result (`phases.landingMs`, `phases.stagingMs`), and the staging's floor: a bare
#     `CREATE TABLE AS SELECT * FROM` the same Parquet parts in the same warehouse file (Warehouse.load).
#
#   bench/snapshot-ingest.sh [--big] [NARROW_ROWS=5000000] [WIDE_ROWS=1000000]
#
#   --big     also a narrow table of 20,000,000 rows (generating it takes a few minutes the first time)
#   RUNS=N    runs per tool and table (default 3);  BENCH_DB=NAME  the MariaDB database (default meshkit_bench)
#   TABLES="narrow wide"  which of the tables to run (default both; with --big also narrow_20m); a quick check:
#             RUNS=1 TABLES=narrow bench/snapshot-ingest.sh
#   MESHKIT_HOME=DIR  a built distribution (default: cli/target/meshkit, built here if missing)
#
# Goals (issue 22): whole ingest <= 1.5x mydumper, landing alone <= 1.0x mydumper (narrow 5M, wide 1M);
# staging <= 1.5x the bare CREATE TABLE AS SELECT; peak heap < 512 MB (the JVM runs with -Xmx512m).
# Needs MariaDB on 127.0.0.1:3306 (root, empty password); keeps the database for reruns.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
big=false
if [ "${1:-}" = "--big" ]; then big=true; shift; fi
narrow_rows="${1:-5000000}"
wide_rows="${2:-1000000}"
runs="${RUNS:-3}"
db="${BENCH_DB:-meshkit_bench}"
home="${MESHKIT_HOME:-$root/cli/target/meshkit}"
load_before=$(load_average)

if ! command -v mydumper >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q mydumper >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q mydumper >/dev/null; }
  else sudo apt-get install -y -q mydumper >/dev/null; fi
fi
if [ ! -x "$home/bin/meshkit" ]; then
  mvn -o -q -DskipTests package >/dev/null
fi
# the staging floor runs from the test classes, on the distribution's own jars
mvn -o -q -pl snapshot-ingest -am test-compile >/dev/null
floor_cp="snapshot-ingest/target/test-classes:$home/lib/*"
case "$(uname -m)" in aarch64 | arm64) arch=arm64 ;; *) arch=amd64 ;; esac
floor_native="$home/lib/native/linux-$arch"   # DuckDB's native library, as bin/meshkit loads it

work="$(mktemp -d "${TMPDIR:-/tmp}/meshkit-ingest-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MESHKIT_CACHE_DIR="$work/cache"          # the class-data archive: written by the warm-up run below
export MESHKIT_JAVA_OPTS="-Xmx512m -Xlog:gc,gc+heap+exit:file=$work/gc.log"

sql() { mariadb -h127.0.0.1 -uroot -N -e "$1"; }
fixture() { # table rows create insert
  local have
  have=$(sql "SELECT IF(COUNT(*) = 0, -1, (SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME = '$1'))
              FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME = '$1'")
  if [ "$have" != -1 ] && [ "$(sql "SELECT COUNT(*) FROM \`$db\`.\`$1\`")" = "$2" ]; then return; fi
  echo "generating $db.$1 ($2 rows)" >&2
  sql "DROP TABLE IF EXISTS \`$db\`.\`$1\`; USE \`$db\`; $3; $4; ANALYZE TABLE \`$1\`" >/dev/null
}
sql "CREATE DATABASE IF NOT EXISTS \`$db\`"
narrow_create() { echo "CREATE TABLE \`$1\` (id BIGINT PRIMARY KEY, v INT, s VARCHAR(16))"; }
narrow_insert() { echo "INSERT INTO \`$1\` SELECT seq, seq % 1000, CONCAT('row', seq) FROM seq_1_to_$2"; }
fixture narrow "$narrow_rows" "$(narrow_create narrow)" "$(narrow_insert narrow "$narrow_rows")"
fixture wide "$wide_rows" "CREATE TABLE wide (id BIGINT PRIMARY KEY, c1 INT, c2 BIGINT, c3 DECIMAL(12,2), c4 DOUBLE,
    c5 VARCHAR(32), c6 VARCHAR(64), c7 DATE, c8 DATETIME(6), c9 TIMESTAMP NULL, c10 TINYINT(1), c11 SMALLINT,
    c12 CHAR(8), c13 TEXT, c14 ENUM('a','b','c'), c15 FLOAT, c16 INT UNSIGNED, c17 BIGINT UNSIGNED, c18 TIME, c19 JSON)" \
  "INSERT INTO wide SELECT seq, seq % 100000, seq * 7919, seq / 100, seq / 3, MD5(seq), CONCAT('name-', seq, '-', MD5(seq)),
    '2026-01-01' + INTERVAL (seq % 3000) DAY, '2026-01-01 00:00:00' + INTERVAL seq SECOND,
    '2026-01-01 00:00:00' + INTERVAL seq SECOND, seq % 2, seq % 30000, LPAD(seq % 10000, 8, '0'),
    REPEAT('t', seq % 50), ELT(1 + seq % 3, 'a', 'b', 'c'), seq / 7, seq, seq * 1000003,
    SEC_TO_TIME(seq % 86400), CONCAT('{\"n\":', seq, '}') FROM seq_1_to_$wide_rows"
tables=(narrow wide)
if $big; then
  fixture narrow_20m 20000000 "$(narrow_create narrow_20m)" "$(narrow_insert narrow_20m 20000000)"
  tables=(narrow wide narrow_20m)
fi
if [ -n "${TABLES:-}" ]; then read -r -a tables <<< "$TABLES"; fi
bench_start=$(date +%s)

now() { date +%s%N; }
ms() { echo $(( ($(now) - $1) / 1000000 )); }
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
url="jdbc:mysql://127.0.0.1:3306/$db?user=root"
meshkit() { # table -> "wall landingMs stagingMs floorMs stageMs peakHeapMB parquetBytes closeMs"
  rm -rf "$work/landing" "$work/wh.duckdb" "$work/wh.duckdb.wal" "$work/gc.log"
  local t0 out wall printed close s0
  s0=$(server_cpu); t0=$(now)
  # the result is printed before the warehouse is closed: the time from its first line to the exit is the close
  out=$(/usr/bin/time -f '%U %S' -o "$work/cpu.meshkit" "$home/bin/meshkit" ingest snapshot --source "$url" --table "$1" --date 2026-11-23 --landing "$work/landing" \
    --warehouse "duckdb:$work/wh.duckdb" --threads 2 --format json | { IFS= read -r first; now; echo "$first"; cat; })
  local t1 s1; t1=$(now); s1=$(server_cpu)
  wall=$(( (t1 - t0) / 1000000 ))
  printed=$(head -1 <<< "$out")
  close=$(( (t1 - printed) / 1000000 ))
  local landing staging bytes heap floor
  landing=$(grep -o '"landingMs" : [0-9]*' <<< "$out" | grep -o '[0-9]*$')
  staging=$(grep -o '"stagingMs" : [0-9]*' <<< "$out" | grep -o '[0-9]*$')
  bytes=$(grep -o '"bytes" : [0-9]*' <<< "$out" | head -1 | grep -o '[0-9]*$')
  # the largest heap occupancy before a collection, or at the exit if larger (SerialGC's log)
  heap=$( { grep -o '[0-9]*M->' "$work/gc.log" | tr -d 'M>-'
            grep -oE 'generation +total [0-9]+K, used [0-9]+K' "$work/gc.log" | grep -oE '[0-9]+K$' | tr -d K | awk '{ s += $1 } END { print int(s / 1024) }'
          } | sort -n | tail -1)
  # the floor and the staging load again, alternating in one JVM on the same parts (medians of 3 pairs)
  floor=$(java -Xmx512m -Djava.library.path="$floor_native" -cp "$floor_cp" io.meshkit.snapshotingest.StagingFloor "$work/wh.duckdb" "$work/landing" 3 2>/dev/null)
  echo "$wall $landing $staging $floor ${heap:-0} $bytes $close $(cpu "$work/cpu.meshkit") $(( s1 - s0 ))"
}
cpu() { awk '{ printf "%d", ($1 + $2) * 1000 }' "$1"; }   # user + system CPU ms of a process (GNU time)
# the MariaDB server's CPU ms so far (utime + stime of all its threads, /proc/PID/stat; 0 when it is not a local mariadbd):
# read before and after a run, the difference is what the server spent serving it (and anything else it served meanwhile)
server_pid=$(pgrep -x mariadbd | head -1 || pgrep -x mysqld | head -1 || true)
ticks=$(getconf CLK_TCK)
server_cpu() { if [ -n "$server_pid" ]; then awk -v hz="$ticks" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$server_pid/stat"; else echo 0; fi; }
raw() {
  local t0 s0; s0=$(server_cpu); t0=$(now)
  /usr/bin/time -f '%U %S' -o "$work/cpu.raw" mariadb -h127.0.0.1 -uroot --batch --quick -e "SELECT * FROM \`$db\`.\`$1\`" > /dev/null
  echo "$(ms "$t0") $(cpu "$work/cpu.raw") $(( $(server_cpu) - s0 ))"
}
dumper() {
  rm -rf "$work/dump"
  local t0 s0; s0=$(server_cpu); t0=$(now)
  /usr/bin/time -f '%U %S' -o "$work/cpu.dump" mydumper -h 127.0.0.1 -u root -B "$db" -T "$1" -t 2 -r 250000 -o "$work/dump" -v 1
  echo "$(ms "$t0") $(cpu "$work/cpu.dump") $(( $(server_cpu) - s0 ))"
}

bench() {
# warm-up, not counted: writes the class-data archive (what every run of a command after its first maps),
# and brings the tables into the buffer pool
meshkit narrow >/dev/null
echo "| table | rows | \`mariadb --batch --quick\` | \`mydumper -t 2 -r 250000\` | \`meshkit ingest snapshot --threads 2\` | landing (process − staging) | staging | bare CTAS floor / staging load, paired | **ingest / mydumper** | **landing / mydumper** | **staging / floor** (paired) | Parquet | peak heap |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
detail=()
cpus=()
budget=()
for t in "${tables[@]}"; do
  case "$t" in narrow) rows=$narrow_rows ;; wide) rows=$wide_rows ;; *) rows=20000000 ;; esac
  r_raw=(); r_dump=(); r_wall=(); r_land=(); r_inland=(); r_stage=(); r_floor=(); r_pair=(); r_heap=(); r_close=(); r_pre=(); c_raw=(); c_dump=(); c_mesh=(); s_raw=(); s_dump=(); s_mesh=(); bytes=0
  for i in $(seq "$runs"); do
    read -r wall cpu_ms server_ms <<< "$(raw "$t")"; r_raw+=("$wall"); c_raw+=("$cpu_ms"); s_raw+=("$server_ms")
    read -r wall cpu_ms server_ms <<< "$(dumper "$t")"; r_dump+=("$wall"); c_dump+=("$cpu_ms"); s_dump+=("$server_ms")
    read -r wall landing staging floor stage heap bytes close cpu_ms server_ms <<< "$(meshkit "$t")"; c_mesh+=("$cpu_ms"); s_mesh+=("$server_ms")
    r_wall+=("$wall"); r_inland+=("$landing"); r_stage+=("$staging"); r_land+=("$((wall - staging))"); r_floor+=("$floor")
    r_pair+=("$stage"); r_heap+=("$heap"); r_close+=("$close"); r_pre+=("$((wall - landing - staging - close))")
  done
  m_raw=$(median <<< "${r_raw[*]}"); m_dump=$(median <<< "${r_dump[*]}"); m_wall=$(median <<< "${r_wall[*]}")
  m_land=$(median <<< "${r_land[*]}"); m_stage=$(median <<< "${r_stage[*]}"); m_floor=$(median <<< "${r_floor[*]}")
  m_pair=$(median <<< "${r_pair[*]}")
  m_heap=$(tr ' ' '\n' <<< "${r_heap[*]}" | sort -n | tail -1)
  awk -v t="$t" -v n="$rows" -v raw="$m_raw" -v dump="$m_dump" -v wall="$m_wall" -v land="$m_land" -v stage="$m_stage" \
      -v floor="$m_floor" -v pair="$m_pair" -v heap="$m_heap" -v bytes="$bytes" 'BEGIN {
    printf "| %s | %d | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s / %.2f s | **%.2fx** | **%.2fx** | **%.2fx** (%.2fx) | %.0f MB | %d MB |\n",
      t, n, raw / 1000, dump / 1000, wall / 1000, land / 1000, stage / 1000, floor / 1000, pair / 1000, wall / dump, land / dump,
      stage / floor, pair / floor, bytes / 1e6, heap }'
  detail+=("| $t | ${r_raw[*]} | ${r_dump[*]} | ${r_wall[*]} | ${r_pre[*]} | ${r_inland[*]} | ${r_stage[*]} | ${r_close[*]} | ${r_floor[*]} | ${r_pair[*]} |")
  cpus+=("| $t | ${c_raw[*]} | ${c_dump[*]} | ${c_mesh[*]} | $(awk -v d="$(median <<< "${c_dump[*]}")" -v m="$(median <<< "${c_mesh[*]}")" 'BEGIN { printf "%.2fx", m / d }') |")
  m_cdump=$(median <<< "${c_dump[*]}"); m_sdump=$(median <<< "${s_dump[*]}"); m_cmesh=$(median <<< "${c_mesh[*]}"); m_smesh=$(median <<< "${s_mesh[*]}")
  budget+=("| $t | ${s_raw[*]} | ${s_dump[*]} | ${s_mesh[*]} | $(awk -v cd="$m_cdump" -v sd="$m_sdump" -v cm="$m_cmesh" -v sm="$m_smesh" -v d="$m_dump" -v w="$m_wall" 'BEGIN {
    printf "%.2f s / %.2f s | %.2f s / %.2f s | %.2fx", (sd + cd) / 2000, d / 1000, (sm + cm) / 2000, w / 1000, (sm + cm) / (sd + cd) }') |")
done
echo
echo "Every run, in ms, in the order run (the tools alternate: raw, mydumper, meshkit, raw, ...):"
echo
echo "| table | raw | mydumper | meshkit, whole process | of which: JVM start, CLI, warehouse open | landing (\`phases.landingMs\`) | staging (\`phases.stagingMs\`) | warehouse close | floor, paired | staging load, paired |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${detail[@]}"
echo
echo "CPU ms of each client process (user + system, GNU time; the MariaDB server's threads not included), same runs:"
echo
echo "| table | \`mariadb\` client | mydumper | meshkit JVM (landing and the staging's DuckDB threads) | meshkit / mydumper, medians |"
echo "|---|---|---|---|---:|"
printf '%s\n' "${cpus[@]}"
echo
echo "The CPU budget: the MariaDB server's CPU ms during each run (utime + stime of \`mariadbd\` from /proc, before and after;"
echo "on a shared machine it includes what the server did for others meanwhile), and the least wall time 2 cores allow, (server +"
echo "client CPU) / 2, against the measured wall time (medians):"
echo
echo "| table | server, during \`mariadb\` | server, during mydumper | server, during meshkit | mydumper: (server + client) / 2 cores / wall | meshkit: (server + client) / 2 cores / wall | CPU meshkit / mydumper, server + client |"
echo "|---|---|---|---|---|---|---:|"
printf '%s\n' "${budget[@]}"
}
table=$(bench)
load_after=$(load_average)
mdb=$(sql 'SELECT VERSION()')
dumper_version=$(mydumper --version 2>&1 | head -1)
out=$(report_file snapshot-ingest)
# the day's file keeps its "## " sections (notes and earlier runs written by hand) below the new run
kept=""
if [ -f "$out" ]; then kept=$(sed -n '/^## /,$p' "$out"); fi
{
  report_head "snapshot-ingest against mydumper"
  echo "MariaDB $mdb on the same machine; $dumper_version. With a load above 2 the seconds are inflated; read the ratios,"
  echo "which compare runs interleaved in the same minutes."
  echo
  echo "Medians of $runs runs per tool and table, each a whole process as a user runs it, alternating. meshkit runs from"
  echo "\`bin/meshkit\` (its flags, the class-data archive written by a warm-up run, \`-Xmx512m\`) into a fresh landing"
  echo "directory and DuckDB file each run. *Landing (process − staging)* is the whole process minus the staging phase"
  echo "(JVM start, planning, the snapshot, the Parquet parts, the manifest, opening and closing the warehouse): what"
  echo "compares with mydumper's dump. *Staging* is \`phases.stagingMs\` of the JSON result (loading the parts into the"
  echo "staging table, counting and checking). The floor is a bare \`CREATE TABLE AS SELECT * FROM\` the same parts in the"
  echo "same warehouse file (\`Warehouse.load\`, \`StagingFloor\`), run after each meshkit run, then paired with the"
  echo "staging load again in one JVM (3 pairs, medians). Peak heap: the largest"
  echo "heap occupancy before a collection or at the exit in the GC log, over the runs."
  echo
  echo "$table"
  echo
  echo "Goals (issue 22): ingest / mydumper <= 1.5, landing / mydumper <= 1.0 (narrow 5M, wide 1M); staging / floor <= 1.5;"
  echo "peak heap < 512 MB."
} | tee "$out"
if [ -n "$kept" ]; then printf '\n%s\n' "$kept" >> "$out"; fi
echo
echo "written to ${out#$root/} ($(( ($(date +%s) - bench_start + 30) / 60 )) min)"
