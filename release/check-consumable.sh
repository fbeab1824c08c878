#!/usr/bin/env bash
# Proves a release can be consumed: deploys the reactor to a local file repository with
# `mvn deploy -Dmeshkit.release.url=file://...` (the same property the platform team sets for the
# real repository), then, offline and against that repository alone for io.meshkit (see
# release/lib.sh for the settings):
#  - builds and runs release/consumer (a team's plain Java project: imports meshkit-bom, depends on
#    meshkit-core and meshkit-warehouse-duckdb, opens duckdb::memory: through Warehouses);
#  - for every template, generates a project with the built distribution's `meshkit init`, builds it
#    and runs its golden tests (`mvn test`), runs its pipeline (`meshkit run pipeline.yaml` on a
#    temporary DuckDB file) and checks the published tables with `meshkit query`;
#  - generates each template again with `mvn archetype:generate` from the deployed archetype and
#    checks that it gives the same files as `meshkit init`.
# Exit 0 when all of that holds and every io.meshkit artifact resolved came from the deployed
# repository; 1 otherwise. Prints the time of each part.
# Usage: release/check-consumable.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/release/lib.sh"
work="${1:-$(mktemp -d -t meshkit-consumable.XXXXXX)}"
mkdir -p "$work" && work="$(cd "$work" && pwd)"
# the unpacked distributions' class-data archives stay with them, not in the user's cache
export MESHKIT_CACHE_DIR="$work/cache"
version="$(meshkit_version "$root")"
repo="$work/release-repo"
rm -rf "$repo" "$work/consumer" "$work/consumer-m2" "$work/projects" "$work/archetypes" "$work/projects-m2"
SECONDS=0

# not -o: maven-deploy-plugin refuses to deploy offline, even to a file repository; the isolated
# settings keep it off the network anyway and keep ~/.m2 untouched: `deploy` runs the install phase
# (skipped) and the deployer caches the repository's metadata in the local repository (a fresh one)
echo "1. deploy $version to file://$repo (tests skipped here: the release build runs them)" >&2
# (the generated projects' local repository: the third-party artifacts copied into it here serve
# their builds too; no io.meshkit artifact is installed in it, only the deployer's metadata)
isolated_settings "$work/projects-settings.xml" "$work/projects-m2" "$repo"
(cd "$root" && mvn -B -q -s "$work/projects-settings.xml" -Dmaven.test.skip=true -Dmaven.install.skip=true deploy \
    -Dmeshkit.release.url="file://$repo") \
  > "$work/deploy.log" 2>&1 || { cat "$work/deploy.log" >&2; echo "deploy failed" >&2; exit 1; }
find "$repo" -name '*.pom' | sed "s|$repo/||" | sort > "$work/deployed.txt"
echo "   $(wc -l < "$work/deployed.txt") POMs deployed" >&2

echo "2. build the consumer offline against the deployed repository" >&2
cp -r "$root/release/consumer" "$work/consumer"
sed -i "s/@MESHKIT_VERSION@/$version/" "$work/consumer/pom.xml"
isolated_settings "$work/settings.xml" "$work/consumer-m2" "$repo"
# -o: nothing from the network; file repositories stay readable (aether.offline.protocols=file)
mvn_c() { (cd "$work/consumer" && mvn -o -B -q -s "$work/settings.xml" -Daether.offline.protocols=file "$@"); }
mvn_c package dependency:build-classpath -Dmdep.outputFile=cp.txt > "$work/consumer.log" 2>&1 ||
  { cat "$work/consumer.log" >&2; echo "the consumer did not build" >&2; exit 1; }

echo "3. run it" >&2
out="$(cd "$work/consumer" && java -cp "target/classes:$(cat cp.txt)" com.example.consumer.Main)"
echo "   $out" >&2
[ "$out" = "answer=42" ] || { echo "unexpected output: $out" >&2; exit 1; }

echo "   consumer: $SECONDS s so far" >&2

echo "4. every template: meshkit init, mvn test (golden tests), meshkit run, published tables checked" >&2
dist="$root/cli/target/meshkit/bin/meshkit"
[ -x "$dist" ] || { echo "no distribution at $dist (the deploy builds it)" >&2; exit 1; }
mvn_p() { mvn -o -B -q -s "$work/projects-settings.xml" -Daether.offline.protocols=file "$@"; }
mkdir -p "$work/projects" "$work/archetypes"
# template, dataset, then checks: "SQL|expected csv output" (header line and values, ; for newlines)
checks_snapshot_dimension=(
  "SELECT COUNT(*) AS n FROM shop.customers|n;8"
  "SELECT segment, CAST(valid_to AS DATE) AS valid_to FROM shop.customers WHERE id = 2 ORDER BY valid_from|segment,valid_to;retail,2024-01-02;business,9999-12-31"
  "SELECT DISTINCT country FROM shop.customers WHERE id = 3|country;IE"
)
checks_event_fact=(
  "SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM web.page_events|n,users;180,30"
  "SELECT COUNT(*) AS n FROM web_sampled.page_events WHERE sampling_value >= 0 AND sampling_value < 1|n;180"
)
checks_derived_dataset=(
  "SELECT segment, COUNT(*) AS orders, SUM(amount) AS revenue FROM finance.order_segments GROUP BY 1 ORDER BY 1 NULLS LAST|segment,orders,revenue;business,2,162.00;retail,5,139.49;,1,9.50"
  "SELECT order_id, segment FROM finance.order_segments WHERE customer_id = 2 ORDER BY ordered_at|order_id,segment;o2,retail;o4,business"
)
golden=1
if ! "$dist" --help | grep -qE '^ +test +'; then
  # until `meshkit test` is part of the build, a generated project's GoldenTest cannot pass:
  # its tests are compiled, not run (said loudly; never the case once meshkit test exists)
  golden=0
  echo "   WARNING: this build has no 'meshkit test': the generated projects' golden tests are compiled, not run" >&2
fi
for spec in snapshot-dimension:shop.customers event-fact:web.page_events derived-dataset:finance.order_segments; do
  t="${spec%%:*}" ds="${spec#*:}" t0=$SECONDS
  dir="$work/projects/$t"
  (cd "$work/projects" && "$dist" init "$t" --template "$t" --dataset "$ds" --group-id com.example.check \
      --artifact-id "$t" --project-version 1.0.0) > "$work/init-$t.log" 2>&1 ||
    { cat "$work/init-$t.log" >&2; echo "meshkit init $t failed" >&2; exit 1; }
  if [ "$golden" = 1 ]; then goal=test; else goal=test-compile; fi
  (cd "$dir" && mvn_p "$goal") > "$work/mvn-$t.log" 2>&1 ||
    { cat "$work/mvn-$t.log" >&2; echo "the $t project did not build or its golden tests failed (mvn $goal)" >&2; exit 1; }
  if [ "$golden" = 1 ]; then
    grep -q 'tests="[1-9]' "$dir/target/meshkit-golden.xml" ||
      { echo "the $t project ran no golden test (target/meshkit-golden.xml)" >&2; exit 1; }
  fi
  wh="duckdb:$work/projects/$t.duckdb"
  (cd "$dir" && "$dist" run pipeline.yaml --warehouse "$wh") > "$work/run-$t.log" 2>&1 ||
    { cat "$work/run-$t.log" >&2; echo "the $t pipeline failed" >&2; exit 1; }
  var="checks_${t//-/_}[@]" n=0
  for check in "${!var}"; do
    n=$((n + 1))
    sql="${check%%|*}" want="$(printf '%s' "${check#*|}" | tr ';' '\n')"
    got="$(cd "$dir" && "$dist" query --warehouse "$wh" --format csv "$sql")"
    [ "$got" = "$want" ] || { printf 'unexpected result of %s\n--- wanted\n%s\n--- got\n%s\n' "$sql" "$want" "$got" >&2; exit 1; }
  done
  echo "   $t ($ds): built, $( [ "$golden" = 1 ] && echo "golden tests passed" || echo "tests compiled" ), $(grep -c '^  ok ' "$work/run-$t.log") pipeline steps ok, $n published-table checks passed ($((SECONDS - t0)) s)" >&2
done

echo "5. mvn archetype:generate from the deployed archetypes gives the same files as meshkit init" >&2
for t in snapshot-dimension event-fact derived-dataset; do
  t0=$SECONDS
  case "$t" in snapshot-dimension) ds=shop.customers;; event-fact) ds=web.page_events;; *) ds=finance.order_segments;; esac
  rm -rf "$work/archetypes/$t" "$work/init-$t" && mkdir -p "$work/archetypes/$t" "$work/init-$t"
  (cd "$work/archetypes/$t" && mvn_p org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate -DinteractiveMode=false \
      -DarchetypeGroupId=io.meshkit -DarchetypeArtifactId="meshkit-archetype-$t" -DarchetypeVersion="$version" \
      -DgroupId=com.example.check -DartifactId="$t" -Dversion=1.0.0 -Ddataset="$ds") > "$work/archetype-$t.log" 2>&1 ||
    { cat "$work/archetype-$t.log" >&2; echo "mvn archetype:generate $t failed" >&2; exit 1; }
  (cd "$work/init-$t" && "$dist" init "$t" --template "$t" --dataset "$ds" --group-id com.example.check \
      --artifact-id "$t" --project-version 1.0.0) > /dev/null
  diff -r "$work/init-$t/$t" "$work/archetypes/$t/$t" >&2 ||
    { echo "archetype $t and meshkit init differ (above)" >&2; exit 1; }
  echo "   $t: $(find "$work/archetypes/$t/$t" -type f | wc -l) files, identical ($((SECONDS - t0)) s)" >&2
done

echo "6. every io.meshkit artifact came from the deployed repository" >&2
bad=0
for f in "$work"/consumer-m2/io/meshkit/*/*/_remote.repositories "$work"/projects-m2/io/meshkit/*/*/_remote.repositories; do
  grep -q '>meshkit-release=' "$f" || { echo "   not from the release repository: ${f%/*}" >&2; bad=1; }
  ! grep -v '^#' "$f" | grep -qv '>meshkit-release=' || { echo "   also seen elsewhere: ${f%/*}" >&2; bad=1; }
done
n=$(find "$work/consumer-m2/io/meshkit" -name '*.jar' | wc -l)
[ "$n" -ge 2 ] || { echo "   expected meshkit-core and meshkit-warehouse-duckdb jars, found $n" >&2; bad=1; }
find "$work/consumer-m2/io/meshkit" -name '*.jar' | sed "s|$work/consumer-m2/|   |" >&2
n=$(find "$work/projects-m2/io/meshkit" -name 'meshkit-cli-*.jar' | wc -l)
[ "$n" -ge 1 ] || { echo "   the generated projects resolved no meshkit-cli jar" >&2; bad=1; }
[ -n "$(find "$work/projects-m2/io/meshkit" -name 'meshkit-archetype-*.jar')" ] || { echo "   no archetype jar was resolved" >&2; bad=1; }
[ "$bad" = 0 ] || exit 1
echo "consumable: meshkit $version deployed to a file repository and consumed offline from it by a plain project, by a project of each template (built, golden tests $( [ "$golden" = 1 ] && echo run || echo "compiled only" ), its pipeline run and checked) and through its archetypes, in $SECONDS s"
