#!/usr/bin/env bash
# Linter benchmark: `meshkit-lint --base HEAD` over N contracts, each changed against its git base, wall time
# including JVM start, beside the bare JVM and `meshkit-lint --help` measured in the same run.
# Prints a Markdown table and writes it to bench/results/linter-2026-11-23.md.
#
#   bench/linter.sh [CONTRACTS=5000] [RUNS=5]
#
# Target (issue 6): 5,000 contracts with a base version each in under 5 s, JVM start included.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-5000}"
runs="${2:-5}"
cd "$root"
mvn -o -q -pl linter -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/linter/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
cp="$root/linter/target/test-classes:$root/linter/target/classes:$(cat "$root/linter/target/bench-classpath.txt")"
# the linted command runs without the test classpath: main classes and runtime jars only (no DuckDB is loaded)
run_cp="$root/linter/target/classes:$(cat "$root/linter/target/bench-classpath.txt")"
work="$root/bench/work/linter-$n"

load_before=$(uptime | sed 's/.*load average: //')
table=$(java -cp "$cp" io.meshkit.linter.LinterBenchmark "$work" "$run_cp" "$n" "$runs")
load_after=$(uptime | sed 's/.*load average: //')

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
jv=$(java -version 2>&1 | sed -n 1p)
out="$root/bench/results/linter-2026-11-23.md"
{
  echo "# meshkit-lint, $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $cpu, $mem; $jv. Median of $runs runs, wall time including JVM start."
  echo "Load average before/after: $load_before / $load_after (the machine is shared with other builds: numbers taken under that load)."
  echo
  echo "$table"
} | tee "$out"
echo
echo "written to ${out#$root/}"
