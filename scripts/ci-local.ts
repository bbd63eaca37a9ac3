// `npm run ci:local`: runs the GitHub Actions workflows' steps here, in their order, so they are not first exercised
// on GitHub: `run:` steps execute exactly as written, actions are emulated locally or skipped when they need GitHub.
//
// The workspace is a temporary git repository holding this tree (tracked and new files, node_modules linked) with
// the small fixture archive as content/, and a bare "origin" to push to. The daily ingest fetches from a local
// server that serves the saved corpus like the HF API, so nothing touches the network or the real content/.
// The parts live in scripts/lib/ci/ (workflow, expressions, actions, fixture-server, workspace, run-step, runner).
import path from 'node:path';
import { isIsoDate } from '../src/lib/ids.ts';
import { parseOrExit } from './lib/cli.ts';
import { defaultCorpusDir } from './lib/ci/fixture-server.ts';
import { runCiLocal, WORKFLOWS } from './lib/ci/runner.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const COMMAND = 'npm run ci:local';
const USAGE = `Usage: ${COMMAND} -- [options]

  --only ci|daily        run one workflow (default: ci.yml, then daily.yml)
  --fail-day YYYY-MM-DD  the stand-in HF API fails that day, to watch the run commit the others and end red
  --keep-going           run every step even after one failed (GitHub would skip the rest)
  --with-shared          link ../shared beside the workspace (GitHub has none: whole-corpus tests are skipped)
  --install              run the npm ci steps (default: link this tree's node_modules)
  --keep                 keep the temporary workspace and print where it is
  -h, --help             this text

The stand-in HF API serves CORPUS_DIR, else ../shared/corpus/hf-daily-papers, else tests/fixtures/upstream/corpus.
Exit status: 0 every step passed, 1 some step failed, 2 bad options.`;

/** A bad option value: the same one line and exit status as an unknown flag. */
function usageError(message: string): never {
  process.stderr.write(`ci-local: ${message} (see ${COMMAND} -- --help)\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  const { values } = parseOrExit(COMMAND, {
    options: {
      only: { type: 'string' },
      install: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'keep-going': { type: 'boolean', default: false },
      'with-shared': { type: 'boolean', default: false },
      'fail-day': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const workflows = WORKFLOWS.filter((w) => values.only === undefined || w === `${values.only}.yml`);
  if (workflows.length === 0) usageError(`--only ${JSON.stringify(values.only)}: expected ci or daily`);
  const failDay = values['fail-day'];
  if (failDay !== undefined && !isIsoDate(failDay))
    usageError(`--fail-day ${JSON.stringify(failDay)}: expected a real date as YYYY-MM-DD`);
  return runCiLocal({
    root: ROOT,
    workflows,
    corpusDir: defaultCorpusDir(ROOT),
    install: values.install,
    keep: values.keep,
    keepGoing: values['keep-going'],
    withShared: values['with-shared'],
    failDay,
  });
}

if (import.meta.main) {
  process.exitCode = await main();
}
