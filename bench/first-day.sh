#!/usr/bin/env bash
# A team's first day, timed: from the release archive to a published dataset. Unpacks the built
# meshkit-VERSION.tar.gz (as a new user's download), then for one template runs `meshkit init`, the
# `next:` line it prints exactly as printed (`cd DIR && mvn test && meshkit run pipeline.yaml`: the
# golden tests through Maven, then the pipeline that publishes the dataset), and a query of the
# published table. Maven starts from an empty local repository whose Maven Central is the ~/.m2 cache
# read as a file repository (release/lib.sh user_home): what a first `mvn test` resolves is copied
# in, as it would be downloaded, and meshkit's own artifacts come from the distribution's maven/.
# Prints a Markdown table and writes it to bench/results/first-day-DATE.md.
#
#   bench/first-day.sh [TEMPLATE=snapshot-dimension] [DATASET=shop.customers]
#
# Goal (issue 24): under 2 minutes on the 2-core machine.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/release/lib.sh"
. "$root/bench/lib.sh"
template="${1:-snapshot-dimension}"
dataset="${2:-shop.customers}"
version="$(meshkit_version "$root")"
archive="$root/cli/target/meshkit-$version.tar.gz"
[ -f "$archive" ] || (cd "$root" && mvn -B -o -q -Dmaven.test.skip=true -pl cli -am package)
work="$(mktemp -d -t meshkit-first-day.XXXXXX)"
trap 'rm -rf "$work"' EXIT
user_home "$work/home" "$work/m2"
export MAVEN_OPTS="-Duser.home=$work/home" MESHKIT_CACHE_DIR="$work/cache"
load_before=$(load_average)

ms() { date +%s%3N; }
t0=$(ms)
tar xzf "$archive" -C "$work"
export PATH="$work/meshkit-$version/bin:$PATH"
t1=$(ms)
cd "$work"
meshkit init project --template "$template" --dataset "$dataset" > init.log
next="$(sed -n 's/^next: \(.*\)   (see README.md)$/\1/p' init.log)"
t2=$(ms)
# the next: line's three commands, timed one by one, each exactly as printed
[ "$next" = "cd project && mvn test && meshkit run pipeline.yaml" ] || { echo "unexpected next: line: $next" >&2; exit 1; }
cd project
mvn test > "$work/mvn.log" 2>&1 || { tail -n 40 "$work/mvn.log" >&2; echo "mvn test failed" >&2; exit 1; }
t3=$(ms)
meshkit run pipeline.yaml > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; echo "meshkit run failed" >&2; exit 1; }
t4=$(ms)
rows="$(meshkit query --format csv "SELECT COUNT(*) AS n FROM $dataset" | tail -n 1)"
t5=$(ms)
load_after=$(load_average)
tests="$(sed -n 's/.*tests="\([0-9]*\)".*/\1/p' target/meshkit-golden.xml | head -n 1)"
copied="$(du -sm "$work/m2" | cut -f1)"
sec() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
total="$(sec "$t0" "$t5")"
verdict="$(awk -v t="$total" 'BEGIN { print (t < 120 ? "met" : "not met") }')"

out="$root/bench/results/first-day-$(date -u +%F).md"
{
  report_head "First day: from the archive to a published dataset"
  echo "Template \`$template\`, dataset \`$dataset\`, meshkit $version; Maven from an empty local repository, Maven Central read from the ~/.m2 cache ($copied MB copied in by \`mvn test\`)."
  echo
  echo "| step | command | seconds |"
  echo "|---|---|---:|"
  echo "| unpack | \`tar xzf meshkit-$version.tar.gz\` ($(du -m "$archive" | cut -f1) MB) | $(sec "$t0" "$t1") |"
  echo "| generate | \`meshkit init project --template $template --dataset $dataset\` | $(sec "$t1" "$t2") |"
  echo "| golden tests | \`mvn test\` ($tests golden test(s), meshkit's artifacts from the distribution's maven/) | $(sec "$t2" "$t3") |"
  echo "| publish | \`meshkit run pipeline.yaml\` ($(grep -c '^  ok ' "$work/run.log") steps ok) | $(sec "$t3" "$t4") |"
  echo "| check | \`meshkit query \"SELECT COUNT(*) AS n FROM $dataset\"\`: $rows rows | $(sec "$t4" "$t5") |"
  echo "| **total** | from the archive to a green \`mvn test\` and a published dataset | **$total** |"
  echo
  echo "Goal: under 120 s: $verdict."
} | tee "$out"
