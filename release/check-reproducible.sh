#!/usr/bin/env bash
# Builds the committed tree (HEAD) twice, in two different directories, and compares the sha256 of
# every artifact the build produces: each module's jar, the CLI distribution's jars and its archives.
# Exit 0 when both builds are byte-identical, 1 when an artifact differs (with the differing entries).
# Usage: release/check-reproducible.sh [WORKDIR]   (WORKDIR defaults to a fresh temporary directory)
# Needs only what `mvn -o` needs (~/.m2 is read, never written to by an install).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-$(mktemp -d -t meshkit-repro.XXXXXX)}"
commit="$(git -C "$root" rev-parse --short HEAD)"
[ -z "$(git -C "$root" status --porcelain --untracked-files=no)" ] ||
  echo "note: the worktree has uncommitted changes; this checks the committed tree ($commit)" >&2

artifacts() {  # the files a release ships, relative to the build directory, sorted
  (cd "$1" && find . -path ./release -prune -o \
      \( -path '*/target/*.jar' -o -path '*/target/*.tar.gz' -o -path '*/target/*.zip' \
         -o -path './cli/target/meshkit/*' \) -type f -print | sed 's|^\./||' | sort)
}

for i in 1 2; do
  dir="$work/build-$i"
  rm -rf "$dir" && mkdir -p "$dir"
  git -C "$root" archive HEAD | tar -x -C "$dir"
  echo "build $i of $commit in $dir" >&2
  start=$(date +%s)
  (cd "$dir" && mvn -o -B -q -Dmaven.test.skip=true package) > "$work/build-$i.log" 2>&1 ||
    { cat "$work/build-$i.log" >&2; echo "build $i failed" >&2; exit 4; }
  echo "  $(( $(date +%s) - start )) s" >&2
  (cd "$dir" && artifacts . | xargs sha256sum) > "$work/sha256-$i.txt"
done

total=$(wc -l < "$work/sha256-1.txt")
if diff -u "$work/sha256-1.txt" "$work/sha256-2.txt" > "$work/sha256.diff"; then
  echo "reproducible: $total artifacts of $commit identical in both builds (sha256 lists: $work/sha256-1.txt)"
  exit 0
fi
echo "NOT reproducible: artifacts of $commit that differ between the two builds:"
grep '^-[0-9a-f]' "$work/sha256.diff" | awk '{print "  " $2}' | while read -r f; do
  echo "$f"
  case "$f" in
    *.jar|*.zip)  # name the entries that differ
      for i in 1 2; do (cd "$work/build-$i" && unzip -v "$f" | awk 'NF>=8 {print $7, $8, $5, $6}' | sort) > "$work/entries-$i.txt"; done
      diff "$work/entries-1.txt" "$work/entries-2.txt" | sed -n '1,20p' | sed 's/^/      /' ;;
  esac
done
exit 1
