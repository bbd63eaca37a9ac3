// The part of the GitHub workflow format ci:local follows (zod schema), reading a workflow file, and job order.
import { readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import { describeIssue } from '../../../src/lib/errors.ts';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const stepSchema = z
  .object({
    name: z.string().optional(),
    id: z.string().optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
    if: z.string().optional(),
    env: z.record(z.string(), scalar).optional(),
    with: z.record(z.string(), scalar).optional(),
    'timeout-minutes': z.number().optional(),
    'continue-on-error': z.boolean().optional(),
  })
  // An unknown key (shell, working-directory, ...) is something this runner does not emulate: fail loudly.
  .strict();
const jobSchema = z.object({
  name: z.string().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.string().optional(),
  env: z.record(z.string(), scalar).optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  steps: z.array(stepSchema),
});
const workflowSchema = z.object({ name: z.string(), jobs: z.record(z.string(), jobSchema) });

export type WorkflowStep = z.infer<typeof stepSchema>;
export type WorkflowJob = z.infer<typeof jobSchema>;
export type Workflow = z.infer<typeof workflowSchema>;

export function readWorkflow(file: string): Workflow {
  const parsed = workflowSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => describeIssue(i)).join('; ')}`);
  return parsed.data;
}

/** The jobs a job needs, as a list (`needs:` may be one name). */
export function jobNeeds(job: WorkflowJob | undefined): string[] {
  const n = job?.needs;
  return n === undefined ? [] : typeof n === 'string' ? [n] : n;
}

/** Jobs in an order that respects `needs` (declaration order among equals), as GitHub would schedule them. */
export function jobOrder(wf: Workflow): string[] {
  const done: string[] = [];
  const pending = Object.keys(wf.jobs);
  while (pending.length > 0) {
    const next = pending.findIndex((id) => jobNeeds(wf.jobs[id]).every((n) => done.includes(n)));
    if (next < 0) throw new Error(`jobs ${pending.join(', ')}: unknown or circular needs`);
    done.push(...pending.splice(next, 1));
  }
  return done;
}
