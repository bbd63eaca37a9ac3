#!/usr/bin/env bash
# Commits and pushes the archive's changes, and nothing else: only paths under content/ are staged, as
# github-actions[bot], with a message naming the changed days (from `git status --porcelain content/days`).
#
# Env: DRY_RUN=1 commits but does not push (ci:local); PUSH_REF (default: GITHUB_REF_NAME or the current branch).
# Outputs ($GITHUB_OUTPUT): committed (true|false), sha (HEAD after the step), days (space-separated dates).
set -euo pipefail

content_dir=content
bot_name='github-actions[bot]'
bot_email='41898282+github-actions[bot]@users.noreply.github.com'

# Day manifests are content/days/YYYY/YYYY-MM-DD.json: new (??) or modified ( M) ones name the changed days.
days=$(git status --porcelain --untracked-files=all -- "$content_dir/days" |
  sed -nE 's#^.. .*/([0-9]{4}-[0-9]{2}-[0-9]{2})\.json$#\1#p' | sort -u | tr '\n' ' ' | sed 's/ $//')
papers=$(git status --porcelain --untracked-files=all -- "$content_dir/papers" | grep -c '\.md$' || true)

# Run-time leftovers (the lock, temp files of a killed run) never belong in the archive.
git add -A -- "$content_dir" ":(exclude)$content_dir/.ingest.lock" ":(exclude,glob)$content_dir/**/.*.tmp"

if git diff --cached --quiet -- "$content_dir"; then
  echo "content/: nothing changed"
  committed=false
else
  count=$(wc -w <<<"$days" | tr -d ' ')
  if [ "$count" -eq 0 ]; then
    subject="Archive: update $papers paper file(s)"
  elif [ "$count" -le 6 ]; then
    subject="Archive: ${days// /, }"
  else
    first=${days%% *}
    last=${days##* }
    subject="Archive: $count days, $first to $last"
  fi
  body="Days changed: ${days:-none}
Paper files changed: $papers

Written by the daily ingest (.github/workflows/daily.yml)."
  # Commit only what is staged under content/, whatever else the working tree holds.
  git -c user.name="$bot_name" -c user.email="$bot_email" commit -q -m "$subject" -m "$body" -- "$content_dir"
  echo "committed: $subject"
  committed=true
fi

if [ "$committed" = true ]; then
  ref="${PUSH_REF:-${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}}"
  if [ "${DRY_RUN:-0}" = 1 ]; then
    echo "dry run: would push HEAD to origin $ref"
  else
    # Someone may push to the branch while the ingest runs: rebase onto it and retry a few times.
    for attempt in 1 2 3; do
      if git push origin "HEAD:refs/heads/$ref"; then break; fi
      [ "$attempt" -eq 3 ] && {
        echo "::error::push to $ref failed 3 times"
        exit 1
      }
      git -c user.name="$bot_name" -c user.email="$bot_email" pull --rebase -q origin "$ref"
    done
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "committed=$committed"
    echo "sha=$(git rev-parse HEAD)"
    echo "days=$days"
  } >>"$GITHUB_OUTPUT"
fi
