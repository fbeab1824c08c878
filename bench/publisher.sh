#!/usr/bin/env bash
# Publisher benchmark: the time of the promotion itself (the atomic switch) for candidates of 1M
# and 10M rows, beside a copy-based promotion of the same rows measured in the same run; and the
# audit that promote runs first, beside its floor measured in the same run on the same candidate: one
# aggregate scan computing the same checks (row count, key uniqueness, NULL counts, checksum).
# Prints a Markdown table and writes it to bench/results/publisher-<date>.md.
#
#   bench/publisher.sh [SIZES=1000000,10000000] [REPS=3]
#
# Targets: promotion does not copy data, so the 10M/1M ratio stays under 1.5 (issue 5);
# the audit at most 1.5x its floor (issue 22).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sizes="${1:-1000000,10000000}"
reps="${2:-3}"
mkdir -p "$root/bench/work" "$root/bench/results"
test_classpath publisher

load_before=$(load_average)
table=$(java -Xmx2g -cp "$cp" io.meshkit.publisher.PromotionBenchmark "$root/bench/work/publisher" "$sizes" "$reps")
load_after=$(load_average)

out=$(report_file publisher)
{
  report_head "publisher: promotion time"
  echo "DuckDB file warehouse, memory_limit 1GB, threads 2."
  echo
  echo "Median of $reps promotions per size. *Switch* is the atomic step alone (rename the candidate into its"
  echo "version table, re-point the production view, record the publication, commit); *full promote* adds the"
  echo "audit (schema, quality checks, row-count change, checksum) that \`promote\` runs first. The baseline"
  echo "promotes the same rows by copying them into a production table (\`CREATE OR REPLACE TABLE ... AS SELECT\`)."
  echo "*Audit* is \`validate\` alone on the staged candidate; its *floor* is one aggregate scan of the same candidate"
  echo "computing the same checks and nothing else (\`COUNT(*)\`, the count of distinct keys, the NULL count of each"
  echo "required column, the checksum's sum of fingerprints), run right after it, before each promotion."
  echo
  echo "$table"
} | tee "$out"
echo
echo "written to ${out#$root/}"
