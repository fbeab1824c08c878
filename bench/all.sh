#!/usr/bin/env bash
# Every module's benchmark, one after the other, then one Markdown table of their headline rows
# (bench/results/all-<date>.md), followed by each benchmark's own first table. Each benchmark
# still writes its own bench/results/<name>-<date>.md with its baseline measured in the same run.
#
#   bench/all.sh [--quick] [NAME...]        NAME: cli-startup contract-validate linter monitor
#                                           publisher sampler scd-builder differ snapshot-ingest
#                                           first-day
#
# A full run takes about 5 minutes on an idle 2-core machine once the benchmarks' tables exist (they
# are kept in bench/work/ and the MySQL database meshkit_bench); the first run builds them, which takes
# longer (the sampler's 50M-row table alone takes minutes). --quick runs every benchmark at a small
# size: it checks that they all run and shows the shape of the results; the numbers to quote come
# from a full run.
# Needs what the benchmarks need: the build (mvn), MariaDB on 127.0.0.1:3306 for differ and
# snapshot-ingest. Stops at the first benchmark that fails, naming it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

quick=false
if [ "${1:-}" = "--quick" ]; then quick=true; shift; fi
# One row per benchmark: its name, its small sizes for --quick (in the script's own arguments, see the
# head of each script), which rows of its first table are its headline, and the target they answer to.
declare -A quick_args headline target
all=()
benchmark() { all+=("$1"); quick_args[$1]="$2"; headline[$1]="$3"; target[$1]="$4"; }
benchmark cli-startup "3" '`meshkit --help`|`meshkit-lint --help`|`meshkit-scd --help`' 'every --help < 600 ms'
benchmark contract-validate "1000 3" 'contract validate' '1,000 contracts < 3 s'
benchmark linter "1000 2" '--base HEAD' '5,000 contracts with a base < 5 s'
benchmark monitor "2" 'steady state|CLI `meshkit-monitor check`' 'check < 2 s'
benchmark publisher "100000,1000000 1" '^\| *10,000,000|^\| *1,000,000 ' \
  'switch time 10M/1M < 1.5 (no copy); audit ≤ 1.5x its one-scan floor'
benchmark sampler "100000 15.5 1" '^\| *1% ' '1%: ≥ 30x faster, average error < 0.2%'
benchmark scd-builder "1000000" 'invariant checks|baseline: dbt' 'apply ≤ 1.5x the floor, faster than dbt-check'
# the cross-database table plants differences up to id 1,000,000; no network part
benchmark differ "1000000 1000000 1 0" 'in-warehouse diff|cross-database diff' \
  'in-warehouse ≤ 1.2x the bound; cross-db ≥ 5x faster than a full download at 100 Mbit/s'
benchmark snapshot-ingest "500000 100000" '^\| *(narrow|wide) ' \
  'ingest ≤ 1.5x mydumper, landing ≤ 1.0x, staging ≤ 1.5x its CTAS floor, heap < 512 MB'
# one size: a template's own sample data
benchmark first-day "" 'total' 'archive to green mvn test and a published dataset < 120 s'
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")

# the first Markdown table of a file
first_table() {
  awk '/^\|/ { found = 1; print; next } found { exit }' "$1"
}

date_utc=$(date -u +%Y-%m-%d)
load_before=$(load_average)
started=$(date +%s)
declare -A took file
work="$(mktemp -d -t meshkit-bench-all.XXXXXX)"
backup="$work/backup"
trap 'rm -rf "$work"' EXIT
for name in "${names[@]}"; do
  script="$root/bench/$name.sh"
  [ -x "$script" ] || { echo "error: no benchmark bench/$name.sh (one of: ${all[*]})" >&2; exit 2; }
  args=()
  if $quick; then read -r -a args <<< "${quick_args[$name]}"; fi
  echo "== $name ${args[*]}" >&2
  t0=$(date +%s)
  # --quick numbers must not replace a full run's results: keep the module's files and put them back
  # (and a benchmark that appends a section to its file, like scd-builder's, is read from what this run added)
  mkdir -p "$backup/$name" && cp -p "$root"/bench/results/"$name"-* "$backup/$name/" 2>/dev/null || true
  marker="$(mktemp)"
  "$script" "${args[@]}" >&2 || { echo "error: benchmark $name failed (bench/$name.sh ${args[*]})" >&2; exit 1; }
  took[$name]=$(( $(date +%s) - t0 ))
  # the results file it wrote: the newest bench/results/<name>-*.md, written during this run
  newest="$(find "$root/bench/results" -maxdepth 1 -name "$name-*.md" -newer "$marker" -printf '%T@ %p\n' | sort -rn | sed -n 1p | cut -d' ' -f2-)"
  rm -f "$marker"
  [ -n "$newest" ] || { echo "error: benchmark $name wrote no bench/results/$name-*.md" >&2; exit 1; }
  before="$backup/$name/$(basename "$newest")"
  if [ -f "$before" ] && size=$(stat -c %s "$before") && [ "$(stat -c %s "$newest")" -gt "$size" ] \
      && cmp -s -n "$size" "$before" "$newest"; then
    tail -c +"$((size + 1))" "$newest" > "$work/$name.md"
  else
    cp "$newest" "$work/$name.md"
  fi
  file[$name]="$work/$name.md"
  if $quick; then
    rm -f "$newest"
    cp -p "$backup/$name"/* "$root/bench/results/" 2>/dev/null || true
  fi
done
load_after=$(load_average)

out="$root/bench/results/all-$date_utc$($quick && echo -quick || true).md"
{
  echo "# meshkit benchmarks, $date_utc$($quick && echo ' (--quick: small sizes, for the shape, not the numbers)' || true)"
  echo
  echo "Machine: $(machine). Load average before: $load_before; after: $load_after"
  echo "(a load near or above the core count means the numbers were taken under load). Total $(( $(date +%s) - started )) s."
  echo "Every row is from the benchmark's own table, where its baseline was measured in the same run."
  echo
  echo "| benchmark | measured (the benchmark's own columns) | target | met |"
  echo "|---|---|---|---|"
  for name in "${names[@]}"; do
    rows="$(first_table "${file[$name]}" | grep -E -- "${headline[$name]}" || true)"
    if [ -z "$rows" ]; then
      echo "| $name | (no headline row found: see its table below) | ${target[$name]} | ? |"
      continue
    fi
    while IFS= read -r row; do
      cells="$(echo "$row" | sed -e 's/^| *//' -e 's/ *|$//' -e 's/ *| */ · /g')"
      met="–"
      case "$row" in
        *"| met |"*|*"| met"|*"| yes |"*|*"| yes") met="yes" ;;
        *"**missed**"*|*"| **no** |"*|*"| **no**"*|*"| no |"*) met="**no**" ;;
      esac
      echo "| $name | $cells | ${target[$name]} | $met |"
    done <<< "$rows"
  done
  echo
  echo "\"–\": the benchmark's table gives the numbers but no verdict; compare them with the target."
  for name in "${names[@]}"; do
    echo
    echo "## $name (bench/$name.sh, ${took[$name]} s)"
    echo
    first_table "${file[$name]}"
  done
} > "$out"
cat "$out"
echo "wrote $out" >&2
