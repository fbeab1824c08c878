#!/usr/bin/env bash
# Linter benchmark: `meshkit-lint --base HEAD` over N contracts, each changed against its git base, wall time
# including JVM start, beside the bare JVM and `meshkit-lint --help` measured in the same run.
# Prints a Markdown table and writes it to bench/results/linter-2026-11-23.md.
#
#   bench/linter.sh [CONTRACTS=5000] [RUNS=5]
#
# Target (issue 6): 5,000 contracts with a base version each in under 5 s, JVM start included.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-5000}"
runs="${2:-5}"
test_classpath linter
# the linted command runs without the test classpath: main classes and runtime jars only (no DuckDB is loaded)
run_cp="$root/linter/target/classes:$deps"
work="$root/bench/work/linter-$n"

load_before=$(load_average)
table=$(java -cp "$cp" io.meshkit.linter.LinterBenchmark "$work" "$run_cp" "$n" "$runs")
load_after=$(load_average)

out="$root/bench/results/linter-2026-11-23.md"
{
  report_head "meshkit-lint"
  echo "Median of $runs runs, wall time including JVM start."
  echo
  echo "$table"
} | tee "$out"
echo
echo "written to ${out#$root/}"
