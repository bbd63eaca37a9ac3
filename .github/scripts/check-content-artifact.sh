#!/usr/bin/env bash
# Checks the content files the ingest job handed over, then copies them into content/ of this checkout. The ingest
# ran code over hostile upstream text, so its artifact is hostile too, and this runs in the one job holding a
# write token: it uses standard tools only (find, jq, cp), never the project's code, and copies nothing unless
# every entry passes. An entry passes when it is a regular file (no symlink, device, fifo or hard link), at a path
# the archive's writer produces (src/lib/paper.ts paperPath/dayPath, ids from src/lib/ids.ts):
#   content/papers/<YYMM>/<YYMM.NNNNN>.md, content/papers/<YYMM>/<archive>_<YYMMNNN>.md (old-style ids),
#   content/papers/noid/noid-<slug>-<8 hex>.md, content/days/<YYYY>/<YYYY-MM-DD>.json
# within the size caps, a paper starting with its front matter and a day being one JSON object for its date.
# Every failing entry gets an error line naming it.
#
# Usage: check-content-artifact.sh [DIR], run from the repository root; DIR (default $ARTIFACT_DIR) is the
# downloaded artifact, holding content/..., and must lie outside the work tree.
# Env: MAX_FILE_BYTES (default 1 MiB, per file), MAX_TOTAL_BYTES (default 128 MiB, the whole artifact: a full
# re-ingest of today's ~27 MB archive fits; a daily run writes well under 1 MB).
set -euo pipefail
# Byte-wise [a-z] and sorting: in a UTF-8 locale a bracket range can match letters beyond ASCII.
export LC_ALL=C

src="${1:-${ARTIFACT_DIR:-}}"
max_file=${MAX_FILE_BYTES:-1048576}
max_total=${MAX_TOTAL_BYTES:-134217728}
[ -n "$src" ] || {
  echo "::error title=Content artifact::no artifact directory (argument or ARTIFACT_DIR)"
  exit 1
}

errors=0
# Names come from the artifact: %q keeps a newline or escape in one from forging a log line.
bad() {
  printf '::error title=Content artifact::%q: %s\n' "$1" "$2"
  errors=$((errors + 1))
}
fatal() {
  echo "::error title=Content artifact::$1"
  exit 1
}

[ -d content ] || fatal "run from the repository root: no content/ here"
[ -d "$src" ] && [ ! -L "$src" ] || fatal "$src is not a directory"
src=$(realpath -- "$src")
top=$(git rev-parse --show-toplevel)
case "$src/" in "$top"/*) fatal "$src is inside the work tree; download the artifact outside it" ;; esac

# True for a real calendar day (no fork per file: a backfill brings hundreds of days).
real_day() {
  local y=$((10#$1)) m=$((10#$2)) d=$((10#$3))
  local -a len=(31 28 31 30 31 30 31 31 30 31 30 31)
  if ((y % 4 == 0 && y % 100 != 0 || y % 400 == 0)); then len[1]=29; fi
  ((m >= 1 && m <= 12 && d >= 1 && d <= len[m - 1]))
}

# Sets want_dir to the folder a file of this name belongs in, or '' when no archive file has such a name.
expected_dir() {
  local name=$1
  want_dir=
  if [[ $name =~ ^([0-9]{4})\.[0-9]{4,5}(v[0-9]+)?\.md$ ]]; then
    want_dir=content/papers/${BASH_REMATCH[1]}
  elif [[ $name =~ ^[a-z]+(-[a-z]+)*(\.[A-Z]{2})?_([0-9]{4})[0-9]{3}(v[0-9]+)?\.md$ ]]; then
    # hep-th/9901001 -> papers/9901/hep-th_9901001.md: the folder is the number's YYMM.
    want_dir=content/papers/${BASH_REMATCH[3]}
  elif [[ $name =~ ^noid-[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}\.md$ ]]; then
    want_dir=content/papers/noid
  elif [[ $name =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})\.json$ ]]; then
    local y=${BASH_REMATCH[1]} m=${BASH_REMATCH[2]} d=${BASH_REMATCH[3]}
    real_day "$y" "$m" "$d" && want_dir=content/days/$y
  fi
  return 0
}

files=0
total=0
days=()
# One pass, no fork per entry: type, link count, size and path relative to the artifact. find does not follow
# symlinks, so a linked directory is reported (and refused) rather than walked.
while IFS=' ' read -r -d '' type links size rel; do
  # The copy goes through the checkout's paths: one that is a symlink there would send it elsewhere.
  [ -L "$rel" ] && bad "$rel" "is a symlink in the checkout"
  case "$type" in
    d)
      [[ $rel =~ ^content(/papers(/([0-9]{4}|noid))?|/days(/[0-9]{4})?)?$ ]] || bad "$rel" "unexpected directory"
      continue
      ;;
    f) ;;
    l)
      bad "$rel" "is a symlink"
      continue
      ;;
    *)
      bad "$rel" "is not a regular file (find type $type)"
      continue
      ;;
  esac
  files=$((files + 1))
  total=$((total + size))
  if [[ $rel != content/* ]]; then
    bad "$rel" "is outside content/"
    continue
  fi
  expected_dir "${rel##*/}"
  if [ -z "$want_dir" ]; then
    bad "$rel" "is not an archive file (content/papers/<YYMM|noid>/<id>.md or content/days/<YYYY>/<YYYY-MM-DD>.json)"
    continue
  fi
  if [ "${rel%/*}" != "$want_dir" ]; then
    bad "$rel" "belongs in $want_dir/"
    continue
  fi
  if [ "$links" -ne 1 ]; then
    bad "$rel" "has $links hard links"
    continue
  fi
  if [ "$size" -eq 0 ]; then
    bad "$rel" "is empty"
    continue
  fi
  if [ "$size" -gt "$max_file" ]; then
    bad "$rel" "is $size bytes, over the $max_file-byte cap per file"
    continue
  fi
  file="$src/$rel"
  case "$rel" in
    *.md)
      first=
      IFS= read -r first <"$file" || true
      [ "$first" = '---' ] || bad "$rel" "does not start with front matter (a --- line)"
      ;;
    *.json) days+=("$rel") ;;
  esac
done < <(find "$src" -mindepth 1 -printf '%y %n %s %P\0')

# Day files: one jq run for all of them (a backfill brings hundreds; a fork each is slow), listing the good ones;
# only the rest are looked at one by one, to say what is wrong. A parse error stops that run: then all are.
if [ "${#days[@]}" -gt 0 ]; then
  good=$(cd "$src" && jq -r -n 'reduce inputs as $v ({}; .[input_filename] += [$v]) | to_entries[]
    | (.key | sub("^.*/"; "") | sub("\\.json$"; "")) as $day
    | select((.value | length) == 1 and (.value[0] | type == "object" and .date == $day)) | .key' \
    "${days[@]}" 2>/dev/null) || good=
  declare -A is_good=()
  while IFS= read -r rel; do [ -n "$rel" ] && is_good[$rel]=1; done <<<"$good"
  for rel in "${days[@]}"; do
    [ -n "${is_good[$rel]:-}" ] && continue
    day=${rel##*/}
    day=${day%.json}
    # Slurped, so two objects in one file are caught; jq exits 1 for a false result, 2 and up for bad JSON.
    rc=0
    jq -e -s --arg day "$day" 'length == 1 and (.[0] | type == "object" and .date == $day)' \
      "$src/$rel" >/dev/null 2>&1 || rc=$?
    if [ "$rc" -eq 0 ]; then
      continue # good: the shared run stopped at another file's parse error
    elif [ "$rc" -eq 1 ]; then
      bad "$rel" "is JSON but not one day manifest object with \"date\": \"$day\""
    else
      bad "$rel" "is not valid JSON"
    fi
  done
fi

if [ "$total" -gt "$max_total" ]; then
  echo "::error title=Content artifact::the artifact holds $total bytes, over the $max_total-byte cap"
  errors=$((errors + 1))
fi
[ "$files" -gt 0 ] || fatal "the artifact holds no files (the ingest job said it changed some)"
if [ "$errors" -gt 0 ]; then
  echo "content artifact: $errors problem(s) in $files file(s); nothing copied"
  exit 1
fi

# Every entry is now a checked regular file or an expected directory: one copy, with default modes (not the
# artifact's), so nothing lands executable.
cp -R --no-preserve=mode,ownership,timestamps -- "$src/content/." content/
echo "content artifact: $files file(s), $total bytes, checked and copied into content/"
