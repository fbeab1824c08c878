#!/usr/bin/env bash
# PostgreSQL load throughput: a meshkit Parquet load (Warehouse.load, binary COPY streamed from parquet-java)
# against `psql \copy` of the same rows as CSV, interleaved, on the local server (MESHKIT_TEST_POSTGRES_URL,
# default postgres://postgres@127.0.0.1:5432/test). Runs without Hadoop on the class path, as the distribution.
#
#   bench/warehouse-postgres.sh [ROWS=1000000] [RUNS=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
runs="${2:-3}"
cd "$root"
mvn -o -q -pl warehouse-postgres -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/warehouse-postgres/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
deps=$(tr ':' '\n' < "$root/warehouse-postgres/target/bench-classpath.txt" | grep -v hadoop-client-api | paste -sd:)
cp="$root/warehouse-postgres/target/test-classes:$root/warehouse-postgres/target/classes:$deps"
echo "load average before: $(uptime | sed 's/.*load average: //')"
java -cp "$cp" io.meshkit.warehousepostgres.PostgresLoadBenchmark "$root/bench/work/warehouse-postgres" "$rows" "$runs"
echo "load average after: $(uptime | sed 's/.*load average: //')"
