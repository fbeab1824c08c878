#!/usr/bin/env bash
# Proves the API compatibility gate works. In a scratch copy of HEAD (discarded afterwards):
#   1. release 0.1.0 of core and differ to a file repository (the baseline), with a public probe
#      class in differ's internal package;
#   2. build against -Dmeshkit.api.baseline=0.1.0, offline, with the repository as the only source
#      of io.meshkit, in four cases, and check each outcome:
#        unchanged at 0.1.1-SNAPSHOT                        -> passes
#        internal probe class deleted, 0.1.1-SNAPSHOT        -> passes (internal packages excluded)
#        core SPI broken (LandingZones.providers() no longer public), 0.2.0-SNAPSHOT -> FAILS
#        the same break at 1.0.0-SNAPSHOT (major version up) -> passes
# Exit 0 when every case ends as expected, 1 otherwise.
# Usage: release/check-api-gate.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/release/lib.sh"
work="${1:-$(mktemp -d -t meshkit-api-gate.XXXXXX)}"
mkdir -p "$work" && work="$(cd "$work" && pwd)"
scratch="$work/scratch" repo="$work/release-repo"
rm -rf "$scratch" "$repo" "$work/m2"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"
git -C "$root" archive HEAD | tar -x -C "$scratch"
current="$(meshkit_version "$scratch")"

set_version() {  # every module's own and parent version
  find "$scratch" -name pom.xml -not -path '*/release/*' -exec sed -i "s|<version>$current</version>|<version>$1</version>|" {} +
  current="$1"
}
probe="$scratch/differ/src/main/java/io/meshkit/differ/internal/ApiGateProbe.java"
cat > "$probe" <<'JAVA'
package io.meshkit.differ.internal;

/** Exists only in the baseline of release/check-api-gate.sh: deleting it must not trip the gate. */
public final class ApiGateProbe {
    public static int answer() {
        return 42;
    }
}
JAVA

echo "baseline: deploy core and differ 0.1.0 to file://$repo" >&2
set_version 0.1.0
(cd "$scratch" && mvn -B -q -Dmaven.test.skip=true -pl core,differ -am deploy -Dmeshkit.release.url="file://$repo") \
  > "$work/baseline.log" 2>&1 || { cat "$work/baseline.log" >&2; echo "baseline deploy failed" >&2; exit 1; }
isolated_settings "$work/settings.xml" "$work/m2" "$repo"

failures=0
gate() {  # gate NAME VERSION EXPECTED(pass|fail)
  local name="$1" version="$2" expected="$3" got log="$work/gate-$1.log"
  set_version "$version"
  rm -rf "$work"/m2/io/meshkit/*/"$version"
  if (cd "$scratch" && mvn -o -B -s "$work/settings.xml" -Daether.offline.protocols=file -Dmaven.test.skip=true \
        -pl core,differ -am verify -Dmeshkit.api.baseline=0.1.0) > "$log" 2>&1; then got=pass; else got=fail; fi
  local why; why="$(grep -a -m1 -o 'Versions of archives indicate[^.]*\|Could not resolve dependency[^.]*' "$log" || true)"
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$version" "$expected" "$got" "${why:-no incompatibility}"
  [ "$got" = "$expected" ] || { failures=$((failures + 1)); tail -n 30 "$log" >&2; }
  grep -q 'japicmp-maven-plugin.*(api-gate) @ meshkit-core' "$log" || { echo "the gate did not run: $log" >&2; failures=$((failures + 1)); }
}

echo "| case | version | expected | got | japicmp said |"
echo "|---|---|---|---|---|"
gate unchanged 0.1.1-SNAPSHOT pass
rm "$probe"
gate internal-class-deleted 0.1.1-SNAPSHOT pass
spi="$scratch/core/src/main/java/io/meshkit/core/landing/LandingZones.java"
sed -i 's|    public static Map<String, LandingZoneProvider> providers() {|    static Map<String, LandingZoneProvider> providers() {|' "$spi"
grep -q '^    static Map<String, LandingZoneProvider> providers()' "$spi"
gate spi-broken-minor 0.2.0-SNAPSHOT fail
gate spi-broken-major 1.0.0-SNAPSHOT pass

[ "$failures" = 0 ] || { echo "API gate check FAILED ($failures unexpected outcomes; logs in $work)" >&2; exit 1; }
echo "API gate: all four cases as expected (scratch copy discarded; logs in $work)"
