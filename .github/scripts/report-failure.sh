#!/usr/bin/env bash
# Ends the daily run red when the ingest failed, and when the previous completed run failed too, opens an issue
# (or comments on the open one) so a broken upstream or parser does not go unnoticed for days.
#
# Env: INGEST_STATUS (ok|failed), INGEST_EXIT_CODE, RUN_URL, GITHUB_RUN_ID, GITHUB_REPOSITORY, GH_TOKEN (for gh).
# WORKFLOW_FILE (default daily.yml). Needs `actions: read` (run history) and `issues: write`.
set -euo pipefail

status="${INGEST_STATUS:-failed}"
# Both come from the ingest job, which ran code over upstream text: only a number goes into logs and issues.
code="${INGEST_EXIT_CODE:-?}"
[[ $code =~ ^[0-9]{1,3}$ ]] || code='?'
workflow="${WORKFLOW_FILE:-daily.yml}"
title='Daily ingest failing'

if [ "$status" = ok ]; then
  echo "ingest ok"
  exit 0
fi

# The previous run of this workflow that completed (not this one, not cancelled or skipped).
previous=$(gh run list --workflow "$workflow" --limit 20 --json databaseId,status,conclusion \
  --jq "[.[] | select(.status == \"completed\" and (.databaseId | tostring) != \"${GITHUB_RUN_ID:-}\"
         and .conclusion != \"cancelled\" and .conclusion != \"skipped\")][0].conclusion // \"none\"")
echo "ingest failed (exit $code); previous completed run: $previous"

if [ "$previous" = failure ]; then
  body="The daily ingest failed again: ${RUN_URL:-run ${GITHUB_RUN_ID:-?}}

The failed days and the ingest's output are in that run's job summary. The days that worked were committed and
deployed. To recover a day once upstream is fine: run the workflow by hand with that date (Actions > Daily >
Run workflow), or locally \`npm run ingest -- --date YYYY-MM-DD\` and commit content/."
  number=$(gh issue list --state open --search "in:title \"$title\"" --json number,title \
    --jq "[.[] | select(.title == \"$title\")][0].number // empty")
  if [ -n "$number" ]; then
    gh issue comment "$number" --body "$body"
    echo "commented on issue #$number"
  else
    gh issue create --title "$title" --body "$body"
    echo "opened an issue: $title"
  fi
fi

echo "::error title=Ingest failed::some days failed to ingest (exit $code); see the job summary"
exit 1
