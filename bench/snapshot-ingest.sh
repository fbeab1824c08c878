#!/usr/bin/env bash
# snapshot-ingest benchmark: 5M narrow rows and 1M wide rows (20 mixed columns) from the local MariaDB into
# Parquet on 2 threads, beside the server's raw serving rate measured in the same run
# (`mariadb --batch --quick -e "SELECT * FROM t" > /dev/null`), with peak heap under -Xmx512m.
#
#   bench/snapshot-ingest.sh [NARROW_ROWS=5000000] [WIDE_ROWS=1000000]
#
# Targets (issue 3): at least 0.7x the raw rate with 2 threads; peak heap under 512 MB.
# Needs MariaDB on 127.0.0.1:3306 (root, empty password); creates database meshkit_bench and keeps it for reruns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
load_before=$(uptime | sed 's/.*load average: //')
mvn -o -q -pl snapshot-ingest -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/snapshot-ingest/target/bench.classpath" -Dmdep.includeScope=test >/dev/null
# Hadoop is a compile-time-only dependency: leave it off, so the benchmark proves the run-time path needs none
cp="$(tr ':' '\n' < snapshot-ingest/target/bench.classpath | grep -v '/org/apache/hadoop/' | paste -sd:)"
cp="snapshot-ingest/target/test-classes:snapshot-ingest/target/classes:core/target/classes:warehouse-duckdb/target/classes:$cp"

# the JVM flags of bin/meshkit-ingest snapshot (cli/src/dist/bin/meshkit), with a 512 MB heap cap
table=$(java -XX:+UseSerialGC -Xshare:auto -Xmx512m -cp "$cp" io.meshkit.snapshotingest.SnapshotIngestBenchmark "$@" 2> >(grep -v '^SLF4J' >&2))

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
jv=$(java -version 2>&1 | sed -n 1p)
db=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT VERSION()')
load_after=$(uptime | sed 's/.*load average: //')
date_utc=$(date -u +%Y-%m-%d)
out="$root/bench/results/snapshot-ingest-$date_utc.md"
{
  echo "# snapshot-ingest, $date_utc"
  echo
  echo "Machine: $(nproc) cores, $cpu, $mem; $jv; MariaDB $db on the same machine. Load average before the run: $load_before; after: $load_after"
  echo "(the machine is shared with other builds: a load above 2 means the numbers were taken under load)."
  echo
  echo "$table"
  echo
  echo "Landing = MySQL to Parquet files and the manifest (planning, consistent snapshot, 2 worker connections)."
  echo "Staging load = DuckDB reading the Parquet parts into the staging table (memory_limit 1GB), not part of the ratio."
  echo "Warm = the same table landed again in the same JVM right after: what the second and later tables of a run"
  echo "get, once the JIT has compiled the row path (peak heap: the larger of the two runs)."
  echo "This JVM runs from class directories, so without the class-data archive bin/meshkit maps from a command's second run on."
  echo "Target: ratio >= 0.7 (landing rate / raw client rate, same run); peak heap < 512 MB."
} | tee "$out"
