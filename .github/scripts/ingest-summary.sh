#!/usr/bin/env bash
# Writes the ingest's outcome to the job summary ($GITHUB_STEP_SUMMARY): a status line, the failed days, the skipped
# items, and the tail of the ingest output, so a red run says what went wrong without opening the log.
# Env: INGEST_LOG (captured output), INGEST_EXIT_CODE, GITHUB_STEP_SUMMARY (file to append to).
set -euo pipefail

log="${INGEST_LOG:?INGEST_LOG is required}"
code="${INGEST_EXIT_CODE:?INGEST_EXIT_CODE is required}"
out="${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is required}"
[ -f "$log" ] || : >"$log"

fence='```'
{
  echo "## Ingest"
  echo
  if [ "$code" -eq 0 ]; then
    echo "Status: **ok** (exit code 0)"
  else
    echo "Status: **failed** (exit code $code). Days and papers that worked are committed and deployed; this run ends red."
  fi
  echo
  # The CLI ends with "days: N ok, N empty, N failed" and "papers: N new, N updated, N unchanged".
  if grep -qE '^(days|papers): ' "$log"; then
    grep -E '^(days|papers): ' "$log" | tail -n 2 | sed 's/^/- /'
    echo
  fi
  if grep -q '^FAILED ' "$log"; then
    echo "### Failed days"
    echo
    # Upstream text is untrusted: keep it inside a code fence so it renders as text, never as markdown/HTML.
    echo "$fence"
    grep '^FAILED ' "$log" | sed 's/^FAILED //' | sed "s/$fence/'''/g" | head -n 100
    echo "$fence"
    echo
  fi
  if grep -q '^SKIPPED ' "$log"; then
    echo "### Skipped items"
    echo
    echo "Bad items upstream: the rest of their day is archived, and the next run tries them again."
    echo
    echo "$fence"
    grep '^SKIPPED ' "$log" | sed 's/^SKIPPED //' | sed "s/$fence/'''/g" | head -n 100
    echo "$fence"
    echo
  fi
  echo "### Output (last 60 lines)"
  echo
  echo "$fence"
  tail -n 60 "$log" | sed "s/$fence/'''/g"
  echo "$fence"
} >>"$out"
