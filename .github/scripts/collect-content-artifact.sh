#!/usr/bin/env bash
# Gathers the archive files the ingest wrote (new or changed under content/, from `git status`) into a folder laid
# out as content/..., which the ingest job uploads for the commit job: the ingest job holds a read-only token, so
# it hands files over instead of pushing. The same exclusions as commit-content.sh: the lock, temp files.
#
# Env: ARTIFACT_DIR (required, outside the work tree; created). Outputs ($GITHUB_OUTPUT): files (count), bytes.
set -euo pipefail

content_dir=content
out="${ARTIFACT_DIR:?ARTIFACT_DIR is required}"
mkdir -p "$out"

files=0
bytes=0
# -z: paths unquoted and NUL-terminated, whatever characters they hold. Nothing is staged in this job, so each
# record is "XY path" with no rename pair.
while IFS= read -r -d '' record; do
  xy=${record:0:2}
  path=${record:3}
  if [[ $xy == *D* ]]; then
    # The ingest never deletes archive files, and the artifact can only carry files: say so, do not guess.
    echo "::warning title=Content artifact::$path was deleted; the commit job only adds and updates files"
    continue
  fi
  mkdir -p "$out/${path%/*}"
  cp -P -- "$path" "$out/$path"
  files=$((files + 1))
  bytes=$((bytes + $(stat -c %s -- "$path")))
done < <(git status --porcelain=v1 -z --untracked-files=all -- "$content_dir" \
  ":(exclude)$content_dir/.ingest.lock" ":(exclude,glob)$content_dir/**/.*.tmp")

echo "content artifact: $files file(s), $bytes bytes in $out"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "files=$files"
    echo "bytes=$bytes"
  } >>"$GITHUB_OUTPUT"
fi
