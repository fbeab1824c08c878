# shellcheck shell=bash
# What the benchmarks share, sourced by each (`. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"`): the
# repository root (as $root, and the working directory), the machine and load that every result file
# names, the build that gives a benchmark its class path, and the median of timed runs.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The machine a result was measured on: "N cores, CPU, MEMORY; JAVA VERSION".
machine() {
  local cpu mem jv
  cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  jv=$(java -version 2>&1 | sed -n 1p)
  echo "$(nproc) cores, $cpu, $mem; $jv"
}

# The load average over 1, 5 and 15 minutes, "a, b, c".
load_average() {
  awk '{ print $1 ", " $2 ", " $3 }' /proc/loadavg
}

# The head every result file starts with: its title and today's date, the machine, and the load
# average before and after the measurement ($load_before and $load_after, taken by the benchmark).
report_head() {
  echo "# $1, $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(machine)."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (a shared machine: a load near or above"
  echo "the core count means the numbers were taken under load)."
}

# Where a benchmark writes today's results: bench/results/NAME-YYYY-MM-DD.md.
report_file() {
  echo "$root/bench/results/$1-$(date -u +%Y-%m-%d).md"
}

# Builds MODULE's test classes with the meshkit modules it needs, offline and in the reactor (so they
# resolve to their target/classes: nothing is installed in ~/.m2), and sets deps (its test-scope
# dependencies' class path) and cp (its test classes, its classes, then deps).
test_classpath() {
  local module="$1"
  mvn -o -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  deps="$(cat "$root/$module/target/bench-classpath.txt")"
  cp="$root/$module/target/test-classes:$root/$module/target/classes:$deps"
}

# The median wall time in ms of a command over $runs runs, after one warm-up run for the file cache;
# stops the benchmark when a timed run fails.
median_ms() {
  "$@" >/dev/null 2>&1 || true
  local times=() r t0 t1
  for ((r = 0; r < runs; r++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "benchmark command failed: $*" >&2; exit 1; }
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
