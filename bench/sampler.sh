#!/usr/bin/env bash
# Sampler benchmark (issue 8): a synthetic lessons table (default 2M users, about 50M rows, Zipf-like
# lessons per user, two years of dates, country/platform/course) generated inside DuckDB and laid out
# by `prepare`, then two queries of 10 per-user metrics at 100%, 10%, 1% and 0.1% against the plain
# full query measured in the same run. Prints the Duolingo table as Markdown and writes it, with an
# SVG chart (and a PNG when ImageMagick is installed), to bench/results/ (sampler-<date>.md, or
# sampler-<date>-2.md and on for a second run on the same day).
#
#   bench/sampler.sh [USERS=2000000] [LESSON_SCALE=15.5] [RUNS=5]
#
# Targets (issue 21): at 1%, at least 60x faster than the plain full query; 95% intervals covering 93-97%;
# recommendations kept in at least 90% of repetitions.
# DuckDB runs with memory_limit=4GB and threads=2. The generated table is kept in bench/work/ and reused.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
users="${1:-2000000}"
scale="${2:-15.5}"
runs="${3:-5}"
test_classpath sampler

date_utc=$(date -u +%F)
# a second run on the same day keeps the first one's files (sampler-<date>-2.md, -3, ...)
name="sampler-$date_utc"
n=2
while [ -e "$root/bench/results/$name.md" ]; do name="sampler-$date_utc-$n"; n=$((n + 1)); done
out="$root/bench/results/$name.md"
svg="$root/bench/results/$name.svg"
mkdir -p "$root/bench/results" "$root/bench/work"
load_before=$(load_average)
start=$(date +%s)
body=$(java -Xmx2g -cp "$cp" io.meshkit.sampler.SamplerBenchmark "$root/bench/work/sampler-$users.duckdb" "$users" "$scale" "$runs" "$svg")
end=$(date +%s)
load_after=$(load_average)
# a PNG beside the SVG when librsvg's converter is installed (apt-get install librsvg2-bin)
if command -v rsvg-convert >/dev/null 2>&1; then
  rsvg-convert "$svg" -o "${svg%.svg}.png" || echo "could not convert the chart to PNG" >&2
fi

{
  report_head "sampler"
  echo "DuckDB memory_limit=4GB, threads=2."
  echo "Whole run: $((end - start)) s. Command: \`bench/sampler.sh $users $scale $runs\`."
  echo
  echo "$body"
  echo
  echo "Chart: [$name.svg]($name.svg)."
} | tee "$out"
echo
echo "written to ${out#$root/}"
