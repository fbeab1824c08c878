#!/usr/bin/env bash
# Proves a meshkit build can be used the way a team uses a release, from its archives alone:
#  1. builds the archives (mvn -o package, tests skipped: .ci/run has just run them) and lays out
#     the release assets as the release workflow publishes them (release/assets.sh);
#  2. installs them with the templates' own setup-meshkit action (its run: block, with a file: URL for
#     MESHKIT_RELEASE_URL): downloads by the published names, SHA256SUMS checked, the plugin included;
#  3. for every template: `meshkit init`, then the `next:` line it prints, run exactly as printed
#     (bash -c) with the installation on PATH, a fresh local Maven repository and Maven Central read
#     from the ~/.m2 cache (release/lib.sh user_home; no -o, no -D): the golden tests pass (mvn test),
#     the pipeline runs, and the published tables hold the expected rows;
#  4. the generated workflows and actions of every template, for a DuckDB and a BigQuery project, pass
#     release/lint-workflows.sh (action-validator, shellcheck, uses: pinned to release tags);
#  5. a plain consumer (release/consumer: the BOM, meshkit-core, meshkit-warehouse-duckdb) builds and
#     runs offline against the distribution's maven/ repository;
#  6. `mvn archetype:generate` from each built archetype gives the same files as `meshkit init`;
#  7. every io.meshkit artifact the projects resolved came from the distribution's maven/ repository.
# Exit 0 when all of that holds; 1 otherwise. Prints the time of each part.
# Usage: release/check-consumable.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/release/lib.sh"
work="${1:-$(mktemp -d -t meshkit-consumable.XXXXXX)}"
mkdir -p "$work" && work="$(cd "$work" && pwd)"
version="$(meshkit_version "$root")"
rm -rf "$work/release" "$work/runner" "$work/projects" "$work/bigquery" "$work/home" "$work/m2" "$work/consumer" \
  "$work/consumer-m2" "$work/archetypes" "$work/archetype-repo" "$work/archetype-m2" "$work/init"
# the installed distribution's class-data archives stay with it, not in the user's cache
export MESHKIT_CACHE_DIR="$work/cache"
SECONDS=0
fail() { echo "$*" >&2; exit 1; }

echo "1. build the archives of $version and lay out its release assets" >&2
(cd "$root" && mvn -B -o -q -Dmaven.test.skip=true package) > "$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; fail "the build failed"; }
"$root/release/assets.sh" "$version" "$work/release/v$version"
echo "   $(cd "$work/release/v$version" && ls | tr '\n' ' ')($SECONDS s)" >&2

echo "2. install them with the templates' setup-meshkit action" >&2
action="$root/templates/common/.github/actions/setup-meshkit/action.yml"
# the action's one run: block, as the script GitHub runs
awk '/^ *run: \|/ { on = 1; next } on { print }' "$action" | sed 's/^        //' > "$work/setup-meshkit.sh"
mkdir -p "$work/runner/project"
printf '<project><properties><meshkit.version>%s</meshkit.version></properties></project>\n' "$version" > "$work/runner/project/pom.xml"
setup() {  # setup RELEASE_URL PLUGINS: the action's script in a runner-like environment
  (cd "$work/runner/project" && RELEASE_URL="$1" PLUGINS="$2" RUNNER_TEMP="$work/runner/tmp" \
     GITHUB_PATH="$work/runner/path" GITHUB_ENV="$work/runner/env" bash -e "$work/setup-meshkit.sh")
}
: > "$work/runner/path"; : > "$work/runner/env"
setup "file://$work/release" "warehouse-bigquery" > "$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; fail "setup-meshkit failed"; }
home="$(sed -n 's/^MESHKIT_HOME=//p' "$work/runner/env")"
[ "$(cat "$work/runner/path")" = "$home/bin" ] || fail "setup-meshkit put $(cat "$work/runner/path") on PATH, not $home/bin"
[ -x "$home/bin/meshkit" ] && [ -f "$home/plugins/warehouse-bigquery/classpath.txt" ] || fail "setup-meshkit did not install $home"
sed -i "s|<meshkit.version>.*</meshkit.version>|<meshkit.version>9.9.9</meshkit.version>|" "$work/runner/project/pom.xml"
if setup "file://$work/release" "" > "$work/setup-missing.log" 2>&1; then fail "setup-meshkit installed a version that was never released"; fi
grep -q '::error::no meshkit release 9.9.9' "$work/setup-missing.log" || { cat "$work/setup-missing.log" >&2; fail "setup-meshkit's message for a missing release"; }
echo "   installed $home ($(tail -n 1 "$work/setup.log")), the base and the BigQuery plugin, checksums verified; a version never released is refused ($SECONDS s)" >&2
export PATH="$home/bin:$PATH"

echo "3. every template: meshkit init, then its next: line exactly as printed" >&2
user_home "$work/home" "$work/m2"
export MAVEN_OPTS="-Duser.home=$work/home${MAVEN_OPTS:+ $MAVEN_OPTS}"
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
mkdir -p "$work/projects"
specs=(snapshot-dimension:shop.customers event-fact:web.page_events derived-dataset:finance.order_segments)
for spec in "${specs[@]}"; do
  t="${spec%%:*}" ds="${spec#*:}" t0=$SECONDS
  (cd "$work/projects" && meshkit init "$t" --template "$t" --dataset "$ds") > "$work/init-$t.log" 2>&1 ||
    { cat "$work/init-$t.log" >&2; fail "meshkit init $t failed"; }
  next="$(sed -n 's/^next: \(.*\)   (see README.md)$/\1/p' "$work/init-$t.log")"
  [ -n "$next" ] || { cat "$work/init-$t.log" >&2; fail "meshkit init $t printed no next: line"; }
  (cd "$work/projects" && bash -c "$next") > "$work/next-$t.log" 2>&1 ||
    { tail -n 60 "$work/next-$t.log" >&2; fail "the next: line of $t failed: $next"; }
  dir="$work/projects/$t"
  grep -q 'tests="[1-9]' "$dir/target/meshkit-golden.xml" || fail "the $t project ran no golden test (target/meshkit-golden.xml)"
  var="checks_${t//-/_}[@]" n=0
  for check in "${!var}"; do
    n=$((n + 1))
    sql="${check%%|*}" want="$(printf '%s' "${check#*|}" | tr ';' '\n')"
    got="$(cd "$dir" && meshkit query --format csv "$sql")"
    [ "$got" = "$want" ] || fail "$(printf 'unexpected result of %s\n--- wanted\n%s\n--- got\n%s' "$sql" "$want" "$got")"
  done
  echo "   $t ($ds): '$next': golden tests passed, $(grep -c '^  ok ' "$work/next-$t.log") pipeline steps ok, $n published-table checks passed ($((SECONDS - t0)) s)" >&2
done

echo "4. the generated workflows: action-validator, shellcheck, uses: pinned" >&2
mkdir -p "$work/bigquery"
for spec in "${specs[@]}"; do
  t="${spec%%:*}"
  meshkit init "$work/bigquery/$t" --template "$t" --dataset "${spec#*:}" --warehouse bigquery:my-project/EU > /dev/null
done
"$root/release/lint-workflows.sh" "$work"/projects/* "$work"/bigquery/* >&2 || fail "the generated workflows do not pass release/lint-workflows.sh"

echo "5. a plain consumer, offline against the distribution's maven/" >&2
cp -r "$root/release/consumer" "$work/consumer"
sed -i "s/@MESHKIT_VERSION@/$version/" "$work/consumer/pom.xml"
isolated_settings "$work/consumer-settings.xml" "$work/consumer-m2" "$home/maven"
(cd "$work/consumer" && mvn -o -B -q -s "$work/consumer-settings.xml" -Daether.offline.protocols=file \
   package dependency:build-classpath -Dmdep.outputFile=cp.txt) > "$work/consumer.log" 2>&1 ||
  { cat "$work/consumer.log" >&2; fail "the consumer did not build"; }
out="$(cd "$work/consumer" && java -cp "target/classes:$(cat cp.txt)" com.example.consumer.Main)"
[ "$out" = "answer=42" ] || fail "the consumer printed: $out"
echo "   $out ($SECONDS s)" >&2

echo "6. mvn archetype:generate from the built archetypes gives the same files as meshkit init" >&2
arepo="$work/archetype-repo/io/meshkit"
mkdir -p "$arepo/meshkit-templates/$version" "$arepo/meshkit-parent/$version"
cp "$root/templates/pom.xml" "$arepo/meshkit-templates/$version/meshkit-templates-$version.pom"
cp "$root/pom.xml" "$arepo/meshkit-parent/$version/meshkit-parent-$version.pom"
repository="$(sed -n 's|.*<meshkit.repository>\(.*\)</meshkit.repository>.*|\1|p' "$work/projects/snapshot-dimension/pom.xml")"
isolated_settings "$work/archetype-settings.xml" "$work/archetype-m2" "$work/archetype-repo"
for spec in "${specs[@]}"; do
  t="${spec%%:*}" ds="${spec#*:}" t0=$SECONDS a="meshkit-archetype-${spec%%:*}"
  mkdir -p "$arepo/$a/$version" "$work/archetypes/$t" "$work/init/$t"
  cp "$root/templates/$t/target/$a-$version.jar" "$arepo/$a/$version/"
  cp "$root/templates/$t/pom.xml" "$arepo/$a/$version/$a-$version.pom"
  (cd "$work/archetypes/$t" && mvn -o -B -q -s "$work/archetype-settings.xml" -Daether.offline.protocols=file \
      org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate -DinteractiveMode=false \
      -DarchetypeGroupId=io.meshkit -DarchetypeArtifactId="$a" -DarchetypeVersion="$version" \
      -DgroupId=com.example.check -DartifactId="$t" -Dversion=1.0.0 -Ddataset="$ds" -DmeshkitRepository="$repository") \
      > "$work/archetype-$t.log" 2>&1 || { cat "$work/archetype-$t.log" >&2; fail "mvn archetype:generate $t failed"; }
  (cd "$work/init/$t" && meshkit init "$t" --template "$t" --dataset "$ds" --group-id com.example.check \
      --artifact-id "$t" --project-version 1.0.0) > /dev/null
  diff -r "$work/init/$t/$t" "$work/archetypes/$t/$t" >&2 || fail "archetype $t and meshkit init differ (above)"
  echo "   $t: $(find "$work/archetypes/$t/$t" -type f | wc -l) files, identical ($((SECONDS - t0)) s)" >&2
done

echo "7. every io.meshkit artifact the projects resolved came from the distribution's maven/" >&2
n=0
for f in "$work"/m2/io/meshkit/*/*/_remote.repositories; do
  n=$((n + 1))
  grep -v '^#' "$f" | grep -qv '>meshkit=$' && fail "not (only) from the distribution's repository: ${f%/*}: $(grep -v '^#' "$f" | tr '\n' ' ')"
done
[ -n "$(find "$work/m2/io/meshkit" -name 'meshkit-cli-*.jar')" ] || fail "the projects resolved no meshkit-cli jar"
echo "   $n artifacts, all from $home/maven" >&2
echo "consumable: meshkit $version installed from its release assets with setup-meshkit, each template generated, built, tested and run by its next: line as printed, its workflows clean, a plain consumer and the archetypes checked, in $SECONDS s"
