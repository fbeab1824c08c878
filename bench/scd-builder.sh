#!/usr/bin/env bash
# scd-builder benchmark: apply a daily snapshot to a dimension on DuckDB; meshkit beside a
# dbt-snapshot-"check"-style baseline and the floor (one full outer join comparing fingerprints),
# all measured in the same run. Prints a Markdown table and writes it to bench/results/.
#
#   bench/scd-builder.sh [KEYS=10000000] [MEMORY_LIMIT=4GB] [RUNS=1 above 2M keys, else 2]
#
# Targets (issue 4): meshkit apply (with its invariant checks) at most 1.5x the floor, faster than the
# baseline, memory limit respected. Wall times and the process's CPU time (DuckDB runs in the JVM).
# Then restate --from the last day of three variants of a dimension (type-2 only, a type-1 column, a
# firstFill: fill column), with their ratios to the type-2-only restatement and to the baseline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keys="${1:-10000000}"
memory="${2:-4GB}"
runs="${3:-}"
cd "$root"
cp_file="$root/scd-builder/target/bench.classpath"
# in the reactor, so meshkit's own modules resolve to their target/classes (nothing is installed in ~/.m2);
# every module writes the file in turn and scd-builder, built last, writes it last
mvn -o -q -pl scd-builder -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="$root/scd-builder/target/test-classes:$root/scd-builder/target/classes:$(cat "$cp_file")"
mkdir -p "$root/bench/work" "$root/bench/results"
db="$root/bench/work/scd-bench.duckdb"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
table=$(java -Xmx1g -cp "$cp" io.meshkit.scdbuilder.ScdBuilderBenchmark "$keys" "$db" "$memory" $runs)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
jv=$(java -version 2>&1 | sed -n 1p)
today=$(date -u +%F)
out="$root/bench/results/scd-builder-$today.md"
if [ ! -f "$out" ]; then
  printf '# scd-builder benchmark, %s\n\n`bench/scd-builder.sh [KEYS] [MEMORY_LIMIT] [RUNS]` appends one section per run, each with its machine and load.\n' "$today" > "$out"
fi
{
  echo
  echo "## scd-builder apply, $keys keys"
  echo
  echo "Machine: $(nproc) cores, $cpu, $mem; $jv. Load average before/after: $load_before / $load_after"
  echo "(other helpers share this machine, so the numbers may have been taken under load)."
  echo
  echo "$table"
} | tee -a "$out"
echo
echo "appended to ${out#$root/}"
