#!/usr/bin/env bash
# Sampler benchmark (issue 8): a synthetic lessons table (default 2M users, about 50M rows, Zipf-like
# lessons per user, two years of dates, country/platform/course) generated inside DuckDB and laid out
# by `prepare`, then two queries of 10 per-user metrics at 100%, 10%, 1% and 0.1% against the plain
# full query measured in the same run. Prints the Duolingo table as Markdown and writes it, with an
# SVG chart (and a PNG when ImageMagick is installed), to bench/results/.
#
#   bench/sampler.sh [USERS=2000000] [LESSON_SCALE=15.5] [RUNS=3]
#
# Targets (issue 21): at 1%, at least 60x faster than the plain full query; 95% intervals covering 93-97%;
# recommendations kept in at least 90% of repetitions.
# DuckDB runs with memory_limit=4GB and threads=2. The generated table is kept in bench/work/ and reused.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
users="${1:-2000000}"
scale="${2:-15.5}"
runs="${3:-3}"
cd "$root"

# one reactor build: compiles the module and its meshkit dependencies, then writes each module's test
# class path to target/bench.classpath (sampler, built last, is the one read below)
mvn -o -q -pl sampler -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp_file="$root/sampler/target/bench.classpath"
cp="$root/sampler/target/test-classes:$root/sampler/target/classes:$(cat "$cp_file")"

date_utc=$(date -u +%F)
out="$root/bench/results/sampler-$date_utc.md"
svg="$root/bench/results/sampler-$date_utc.svg"
mkdir -p "$root/bench/results" "$root/bench/work"
load_before=$(uptime | sed 's/.*load average: //')
start=$(date +%s)
body=$(java -Xmx2g -cp "$cp" io.meshkit.sampler.SamplerBenchmark "$root/bench/work/sampler-$users.duckdb" "$users" "$scale" "$runs" "$svg")
end=$(date +%s)
load_after=$(uptime | sed 's/.*load average: //')
# a PNG beside the SVG when librsvg's converter is installed (apt-get install librsvg2-bin)
if command -v rsvg-convert >/dev/null 2>&1; then
  rsvg-convert "$svg" -o "${svg%.svg}.png" || echo "could not convert the chart to PNG" >&2
fi

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
jv=$(java -version 2>&1 | sed -n 1p)
{
  echo "# sampler, $date_utc"
  echo
  echo "Machine: $(nproc) cores, $cpu, $mem; $jv; DuckDB memory_limit=4GB, threads=2."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after. This 2-core machine is shared with other"
  echo "helpers' builds, so a load above 2 means the numbers were taken under load."
  echo "Whole run: $((end - start)) s. Command: \`bench/sampler.sh $users $scale $runs\`."
  echo
  echo "$body"
  echo
  echo "Chart: [sampler-$date_utc.svg](sampler-$date_utc.svg)."
} | tee "$out"
echo
echo "written to ${out#$root/}"
