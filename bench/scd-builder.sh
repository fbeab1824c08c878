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
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
keys="${1:-10000000}"
memory="${2:-4GB}"
runs="${3:-}"
test_classpath scd-builder
mkdir -p "$root/bench/work" "$root/bench/results"
db="$root/bench/work/scd-bench.duckdb"
load_before=$(load_average)
table=$(java -Xmx1g -cp "$cp" io.meshkit.scdbuilder.ScdBuilderBenchmark "$keys" "$db" "$memory" $runs)
load_after=$(load_average)
today=$(date -u +%F)
out="$root/bench/results/scd-builder-$today.md"
if [ ! -f "$out" ]; then
  printf '# scd-builder benchmark, %s\n\n`bench/scd-builder.sh [KEYS] [MEMORY_LIMIT] [RUNS]` appends one section per run, each with its machine and load.\n' "$today" > "$out"
fi
{
  echo
  echo "## scd-builder apply, $keys keys"
  echo
  echo "Machine: $(machine). Load average before/after: $load_before / $load_after"
  echo "(other helpers share this machine, so the numbers may have been taken under load)."
  echo
  echo "$table"
} | tee -a "$out"
echo
echo "appended to ${out#$root/}"
