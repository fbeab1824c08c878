#!/usr/bin/env bash
# Proves a release can be consumed: deploys the reactor to a local file repository with
# `mvn deploy -Dmeshkit.release.url=file://...` (the same property the platform team sets for the
# real repository), then builds and runs release/consumer (a team's project: imports meshkit-bom,
# depends on meshkit-core and meshkit-warehouse-duckdb, opens duckdb::memory: through Warehouses)
# offline, against that repository alone for io.meshkit (see release/lib.sh for the settings).
# Exit 0 when the consumer builds, runs and prints answer=42 and every io.meshkit artifact it
# resolved came from the deployed repository; 1 otherwise.
# Usage: release/check-consumable.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/release/lib.sh"
work="${1:-$(mktemp -d -t meshkit-consumable.XXXXXX)}"
mkdir -p "$work" && work="$(cd "$work" && pwd)"
version="$(meshkit_version "$root")"
repo="$work/release-repo"
rm -rf "$repo" "$work/consumer" "$work/consumer-m2"

# not -o: maven-deploy-plugin refuses to deploy offline, even to a file repository
echo "1. deploy $version to file://$repo (tests skipped here: the release build runs them)" >&2
(cd "$root" && mvn -B -q -Dmaven.test.skip=true deploy -Dmeshkit.release.url="file://$repo") \
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

echo "4. every io.meshkit artifact came from the deployed repository" >&2
bad=0
for f in "$work"/consumer-m2/io/meshkit/*/*/_remote.repositories; do
  grep -q '>meshkit-release=' "$f" || { echo "   not from the release repository: ${f%/*}" >&2; bad=1; }
  ! grep -v '^#' "$f" | grep -qv '>meshkit-release=' || { echo "   also seen elsewhere: ${f%/*}" >&2; bad=1; }
done
n=$(find "$work/consumer-m2/io/meshkit" -name '*.jar' | wc -l)
[ "$n" -ge 2 ] || { echo "   expected meshkit-core and meshkit-warehouse-duckdb jars, found $n" >&2; bad=1; }
find "$work/consumer-m2/io/meshkit" -name '*.jar' | sed "s|$work/consumer-m2/|   |" >&2
[ "$bad" = 0 ] || exit 1
echo "consumable: meshkit $version deployed to a file repository and consumed offline from it"
