#!/usr/bin/env bash
# Runs the ingest for the daily workflow (and ci:local): turns dispatch inputs into CLI options, keeps going on
# failure, and records the exit code so later steps can commit the good days and still end the run red.
#
# Inputs (env, all optional): INPUT_DATE, INPUT_FROM, INPUT_TO (YYYY-MM-DD), INPUT_SOURCE (hf-api|hf-html|files),
# INPUT_FILES (space-separated paths, for the files source), INGEST_EXTRA_ARGS (space-separated, local runs only).
# Outputs ($GITHUB_OUTPUT): exit-code, status (ok|failed), log (path of the captured output).
set -uo pipefail

fail_input() {
  echo "::error title=Bad workflow input::$1"
  exit 2
}
is_date() { [[ "$1" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; }

date_in="${INPUT_DATE:-}"
from_in="${INPUT_FROM:-}"
to_in="${INPUT_TO:-}"
source_in="${INPUT_SOURCE:-hf-api}"
[ -z "$source_in" ] && source_in=hf-api

args=()
for pair in "date:$date_in" "from:$from_in" "to:$to_in"; do
  name="${pair%%:*}"
  value="${pair#*:}"
  if [ -n "$value" ] && ! is_date "$value"; then fail_input "$name must be YYYY-MM-DD, got: ${value:0:40}"; fi
done
if [ -n "$date_in" ] && { [ -n "$from_in" ] || [ -n "$to_in" ]; }; then
  fail_input "give either date or from/to, not both"
fi
if [ -n "$to_in" ] && [ -z "$from_in" ]; then fail_input "to needs from"; fi
if [ -n "$date_in" ]; then
  args+=(--date "$date_in")
elif [ -n "$from_in" ]; then
  args+=(--from "$from_in")
  [ -n "$to_in" ] && args+=(--to "$to_in")
elif [ "$source_in" != files ]; then
  # Saved files name their own day; every other source defaults to the since-last window.
  args+=(--since-last)
fi

case "$source_in" in
  hf-api | hf-html) args+=(--source "$source_in") ;;
  files)
    [ -n "${INPUT_FILES:-}" ] || fail_input "the files source needs INPUT_FILES"
    read -r -a files <<<"$INPUT_FILES"
    args+=(--source files --files "${files[@]}")
    ;;
  *) fail_input "source must be hf-api, hf-html or files, got: ${source_in:0:40}" ;;
esac
if [ -n "${INGEST_EXTRA_ARGS:-}" ]; then
  read -r -a extra <<<"$INGEST_EXTRA_ARGS"
  args+=("${extra[@]}")
fi

log="${INGEST_LOG:-${RUNNER_TEMP:-/tmp}/ingest.log}"
echo "npm run ingest -- ${args[*]}"
# The ingest exits 1 when some day failed, after writing every day that worked: capture, do not stop.
npm run --silent ingest -- "${args[@]}" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}

status=ok
[ "$code" -ne 0 ] && status=failed
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "status=$status"
    echo "log=$log"
  } >>"$GITHUB_OUTPUT"
fi
if [ "$code" -ne 0 ]; then
  echo "::warning title=Ingest failed::npm run ingest exited $code; the days that worked are still committed and deployed, and the run will end red."
fi
exit 0
