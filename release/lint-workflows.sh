#!/usr/bin/env bash
# Checks GitHub workflow and action files as GitHub would run them:
#  - every file under .github/workflows/ and every .github/actions/*/action.yml is valid under
#    action-validator (npm: @action-validator/cli, the JSON schemas of workflows and actions);
#  - every `run:` block is clean under shellcheck (Debian: shellcheck), as the bash script GitHub
#    writes for it (shell bash, -e -o pipefail), with each ${{ expression }} replaced by a word;
#  - every `uses:` of another repository is pinned to a release tag (vMAJOR.MINOR.PATCH), never a
#    branch or a moving major tag.
# Usage: release/lint-workflows.sh DIR...   (each DIR a project root holding .github/)
# Exit 0 when all pass; 1 with each problem on its own line (file:line: ...); 2 when a tool is missing.
set -euo pipefail
for tool in shellcheck action-validator awk; do
  command -v "$tool" >/dev/null || { echo "lint-workflows: $tool is not installed (apt-get install shellcheck; npm install -g @action-validator/cli)" >&2; exit 2; }
done
[ $# -gt 0 ] || { echo "usage: $0 DIR..." >&2; exit 2; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0 files=0 blocks=0
for dir in "$@"; do
  while IFS= read -r -d '' f; do
    files=$((files + 1))
    if ! out="$(action-validator "$f" 2>&1)"; then
      echo "$f: action-validator: $out"
      status=1
    fi
    # uses: pinned to a release tag (local actions, ./..., are part of the project)
    while IFS=: read -r line ref; do
      echo "$f:$line: uses: $ref is not pinned to a release tag (OWNER/REPO@vX.Y.Z)"
      status=1
    done < <(awk '/^[[:space:]]*(- )?uses:[[:space:]]/ { ref = $0; sub(/^[^:]*uses:[[:space:]]*/, "", ref); gsub(/["'\'']/, "", ref); sub(/[[:space:]]+#.*/, "", ref)
                  if (ref !~ /^\.\// && ref !~ /@v[0-9]+\.[0-9]+\.[0-9]+$/) print NR ":" ref }' "$f")
    # each run: block into its own script, keeping its line numbers
    awk -v out="$scratch/block" '
      function flush() { if (body != "") { n++; file = out "-" n ".sh"; printf "%s", body > file; close(file); print n ":" start > (out ".index") } body = "" }
      {
        if (inblock) {
          if ($0 ~ /^[[:space:]]*$/) { body = body "\n"; next }
          match($0, /^ */); if (RLENGTH >= indent) { body = body substr($0, indent + 1) "\n"; next }
          inblock = 0; flush()
        }
        if (match($0, /^ *(- )?run:[[:space:]]*/)) {
          rest = substr($0, RLENGTH + 1); match($0, /^ */); key = RLENGTH
          start = NR
          if (rest ~ /^[|>][-+]?[[:space:]]*$/) { inblock = 1; indent = key + 1; body = "#!/usr/bin/env bash\nset -eo pipefail\n"
            # the block starts on the next line: its indent is that of its first line
            getline; start = NR - 1; match($0, /^ */); indent = RLENGTH; body = body substr($0, indent + 1) "\n"; next }
          start = NR - 1; body = "#!/usr/bin/env bash\nset -eo pipefail\n" rest "\n"; flush()
        }
      }
      END { if (inblock) flush() }' "$f"
    if [ -f "$scratch/block.index" ]; then
      while IFS=: read -r n start; do
        blocks=$((blocks + 1))
        script="$scratch/block-$n.sh"
        # ${{ ... }} is GitHub's, expanded before bash runs: a plain word stands in for it
        sed -i 's/\${{[^}]*}}/GITHUB_EXPRESSION/g' "$script"
        if ! out="$(shellcheck --shell=bash --severity=style --format=gcc "$script" 2>&1)"; then
          # gcc format: FILE:LINE:COL: ...; the script's line 3 is the block's first line (start + 1)
          while IFS= read -r problem; do
            rest="${problem#"$script":}"
            line="${rest%%:*}"
            echo "$f:$((start + line - 2)):${rest#*:}"
          done <<< "$out"
          status=1
        fi
        rm -f "$script"
      done < "$scratch/block.index"
      rm -f "$scratch/block.index"
    fi
  done < <(find "$dir/.github" \( -path '*/.github/workflows/*.yml' -o -path '*/.github/workflows/*.yaml' -o -path '*/.github/actions/*/action.yml' -o -path '*/.github/actions/*/action.yaml' \) -type f -print0 | sort -z)
done
[ "$files" -gt 0 ] || { echo "lint-workflows: no workflow or action file under $*" >&2; exit 1; }
[ "$status" = 0 ] && echo "lint-workflows: $files files, $blocks run blocks: action-validator, shellcheck and pinned uses: clean"
exit "$status"
