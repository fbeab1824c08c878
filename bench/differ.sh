#!/usr/bin/env bash
# differ benchmark: (1) in-warehouse diff of two 10M-row, 10-column DuckDB tables with 0.1% of rows
# changed, beside the floor `SELECT count(*) FROM a FULL JOIN b USING (key)` (target: at most 2x);
# (2) cross-database diff of a 1M-row MySQL table against its DuckDB copy with 10 planted
# differences, beside downloading both sides in full and comparing them (target: at least 5x faster).
# Each is followed by a "bound" row: the least any implementation must do (one hash per row of every column
# joined on the key; MySQL digesting the whole table once), measured the same way.
# Both baselines are measured in the same run, alternating with meshkit's runs (so a change of the
# machine's load weighs on both). Wall time is the measure; CPU time (this JVM with DuckDB's threads,
# plus a MariaDB/MySQL server on this machine, read from /proc) is shown beside it because it does
# not depend on how busy the other core is. Prints a Markdown table and writes it to bench/results/.
#
#   bench/differ.sh [WAREHOUSE_ROWS=10000000] [MYSQL_ROWS=1000000] [RUNS=3]
#
# MySQL from MESHKIT_TEST_MYSQL_URL (default jdbc:mysql://127.0.0.1:3306/test?user=root); it creates
# and reuses the database meshkit_bench. DuckDB files go to bench/work/ (memory_limit 4GB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
mysql_rows="${2:-1000000}"
runs="${3:-3}"
url="${MESHKIT_TEST_MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/test?user=root}"
out="$root/bench/results/differ-2026-11-23.md"
work="$root/bench/work"
mkdir -p "$work" "$root/bench/results"

cd "$root"
mvn -o -q -pl differ -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
cp="differ/target/test-classes:differ/target/classes:$(cat differ/target/bench-cp.txt)"

load_before=$(uptime | sed 's/.*load average: //')
table=$(java -Xmx2g -cp "$cp" io.meshkit.differ.DifferBenchmark "$work" "$rows" "$mysql_rows" "$url" "$runs" 2>"$work/differ-bench.log")
load_after=$(uptime | sed 's/.*load average: //')

{
  echo "# differ benchmark, 2026-11-23"
  echo
  echo "Median of $runs runs after one warm-up each, baseline and meshkit alternately in the same run. CPU s: this JVM"
  echo "(DuckDB's threads included) plus the local MariaDB server; wall time is the measure."
  echo
  echo "$table"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(java -version 2>&1 | head -1)."
  echo "Load average before: $load_before; after: $load_after (other helpers share this 2-core machine:"
  echo "a load above 2 means the numbers were taken under load)."
} | tee "$out"
