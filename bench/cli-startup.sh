#!/usr/bin/env bash
# Start-up of every command in the distribution: `--help` for bin/meshkit and each bin/meshkit-<tool>,
# wall time including JVM start, beside the bare JVM (`java -version` with the launcher's flags)
# measured in the same run; each command with its class-data archive (written by its first run, here
# the warm-up, into a temporary cache) and without (MESHKIT_CDS=off). Prints a Markdown table and
# writes it to bench/results/.
#
#   bench/cli-startup.sh [RUNS=9]
#
# Target (issue 12): every command's --help under 0.6 s.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-9}"
dist="$root/cli/target/meshkit"

"$root/meshkit" --version >/dev/null   # builds the distribution if needed, outside the measurement

export MESHKIT_CACHE_DIR="$(mktemp -d)"
trap 'rm -rf "$MESHKIT_CACHE_DIR"' EXIT
load_before=$(load_average)
java_floor=$(median_ms java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version)
rows=()
met=0 total=0
for cmd in "$dist"/bin/meshkit "$dist"/bin/meshkit-*; do
  name="$(basename "$cmd")"
  ms=$(median_ms "$cmd" --help)
  off=$(MESHKIT_CDS=off median_ms "$cmd" --help)
  total=$((total + 1))
  if [ "$ms" -lt 600 ]; then verdict="met"; met=$((met + 1)); else verdict="**missed**"; fi
  rows+=("| \`$name --help\` | $ms | $(awk -v a="$ms" -v b="$java_floor" 'BEGIN { printf "%.1fx", a / b }') | $off | $(awk -v a="$ms" -v b="$off" 'BEGIN { printf "%.2fx", a / b }') | $verdict |")
done
load_after=$(load_average)

out=$(report_file cli-startup)
{
  report_head "CLI start-up"
  echo "Median of $runs runs (after one warm-up), wall time including JVM start; the launchers run"
  echo "\`java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto\`; \`meshkit\` has all $(ls "$dist"/lib/*.jar | wc -l) jars"
  echo "on its class path, each \`meshkit-<tool>\` only its modules' (lib/classpath/*.txt: $(for f in "$dist"/lib/classpath/meshkit-{linter,scd-builder}.txt; do printf '%s %s, ' "$(basename "$f" .txt)" "$(tr ':' '\n' < "$f" | wc -l)"; done)"
  echo "plus the warehouses' and lineage's for the tools that open a warehouse)."
  echo
  echo "| command | median ms | vs bare JVM | without the class-data archive (MESHKIT_CDS=off), ms | with / without | target < 600 ms |"
  echo "|---|---:|---:|---:|---:|---|"
  echo "| bare JVM (\`java -version\`, same flags) | $java_floor | 1.0x | | | (baseline) |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "$met of $total commands under 600 ms."
} | tee "$out"
echo "written to ${out#$root/}" >&2
