#!/usr/bin/env bash
# The assets of a meshkit release, under the names the templates' setup-meshkit action downloads
# (templates/common/.github/actions/setup-meshkit/action.yml):
#   meshkit-VERSION.tar.gz            the base distribution (tools, DuckDB warehouse, maven/)
#   meshkit-PLUGIN-VERSION.tar.gz     one per plugin (cli/src/assembly/plugin-PLUGIN.xml), unpacked beside it
#   SHA256SUMS                        the SHA-256 of each archive, in sha256sum's format
# Usage: release/assets.sh VERSION           the archives' names, one a line
#        release/assets.sh VERSION DIR       copies them from cli/target into DIR and writes DIR/SHA256SUMS
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 VERSION [DIR]" >&2; exit 2; }
version="$1"
names=("meshkit-$version.tar.gz")
for descriptor in "$root"/cli/src/assembly/plugin-*.xml; do
  plugin="$(basename "$descriptor" .xml)"
  names+=("meshkit-${plugin#plugin-}-$version.tar.gz")
done
if [ $# -lt 2 ]; then
  printf '%s\n' "${names[@]}"
  exit 0
fi
out="$2"
mkdir -p "$out"
for name in "${names[@]}"; do
  [ -f "$root/cli/target/$name" ] || { echo "release/assets.sh: cli/target/$name is missing (build with mvn package)" >&2; exit 1; }
  cp "$root/cli/target/$name" "$out/"
done
(cd "$out" && sha256sum "${names[@]}" > SHA256SUMS)
