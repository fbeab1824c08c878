#!/usr/bin/env bash
# Foundation benchmark: `meshkit contract validate` over N generated contracts, wall time including
# JVM start, beside two baselines measured in the same run: the bare JVM (`java -version`) and the
# meshkit start-up alone (`meshkit --help`). Prints a Markdown table and writes it to bench/results/.
# Every contract is checked against the official ODCS schema of its apiVersion (there is no way to
# turn that off): the contracts are copies of the example domain's and of the contracts in the
# styles of other tools that core's tests read (v3.0.0 to v3.1.0, nested types, SLA-only ones).
#
#   bench/contract-validate.sh [CONTRACTS=1000] [RUNS=7]
#
# Targets (issue 2): 1,000 contracts in under 3 s wall; --help under 0.6 s.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-1000}"
runs="${2:-7}"
work="$root/bench/work/contracts-$n"
meshkit="$root/meshkit"

"$meshkit" --version >/dev/null   # builds the distribution if needed, outside the measurement

# N contracts: copies of the example contracts with distinct ids and names
rm -rf "$work" && mkdir -p "$work"
examples=("$root"/examples/music/contracts/*.odcs.yaml "$root"/core/src/test/resources/contracts/real-world/*.odcs.yaml)
for ((i = 0; i < n; i++)); do
  src="${examples[$((i % ${#examples[@]}))]}"
  sed -e "s/^id: .*/id: bench-contract-$i/" -e "s/^name: \(.*\)/name: \1_$i/" "$src" > "$work/c$i.odcs.yaml"
done

load_before=$(load_average)
java_floor=$(median_ms java -Xshare:auto -XX:TieredStopAtLevel=1 -version)
help=$(median_ms "$root/cli/target/meshkit/bin/meshkit" --help)
validate=$(median_ms "$root/cli/target/meshkit/bin/meshkit" contract validate "$work")
per_s=$(awk -v n="$n" -v ms="$validate" 'BEGIN { printf "%.0f", n / (ms / 1000) }')

load_after=$(load_average)
out=$(report_file contract-validate)
{
  report_head "contract validate"
  echo "Median of $runs runs, wall time including JVM start."
  echo
  echo "| what | median ms | vs bare JVM | target |"
  echo "|---|---:|---:|---|"
  echo "| bare JVM (\`java -version\`) | $java_floor | 1.0x | (baseline) |"
  echo "| \`meshkit --help\` | $help | $(awk -v a="$help" -v b="$java_floor" 'BEGIN { printf "%.1fx", a / b }') | < 600 ms |"
  echo "| \`meshkit contract validate\` ($n contracts) | $validate | $(awk -v a="$validate" -v b="$java_floor" 'BEGIN { printf "%.1fx", a / b }') | < 3000 ms |"
  echo
  echo "Throughput: $per_s contracts/s including start-up; validation alone $(( validate - help )) ms for $n contracts"
  echo "(${#examples[@]} kinds of contract: the example domain's and core's real-world test contracts; each checked"
  echo "against the official ODCS schema of its apiVersion)."
} | tee "$out"
echo
echo "written to ${out#$root/}"
