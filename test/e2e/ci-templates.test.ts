import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The GitHub Actions templates: valid YAML, and every `runform` command line in them accepted by
// the CLI's own strict yargs parser (the built one, as the templates run it), so a renamed or
// removed flag fails here rather than in someone's pipeline.

type Cli = typeof import('../../cmd/cli.js');
type Commands = typeof import('../../cmd/commands/index.js');
const { cliParser } = (await import(new URL('../../dist/cmd/cli.js', import.meta.url).href)) as Cli;
const { commands } = (await import(new URL('../../dist/cmd/commands/index.js', import.meta.url).href)) as Commands;

const folder = new URL('../../examples/ci/github-actions/', import.meta.url).pathname;
const files = readdirSync(folder).filter((f) => f.endsWith('.yml'));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[] }>;
}

const load = (file: string) => parse(readFileSync(join(folder, file), 'utf8')) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

/** Splits a shell command into words (quotes removed, `$VARS` left as written), up to a redirection or pipe. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const w = m[1] ?? m[2] ?? m[3];
    if (m[3] !== undefined && /^(\d?>|<|\||;|&&|\|\|)/.test(m[3])) break;
    out.push(w);
  }
  return out;
}

/** Every runform invocation in the workflow's shell steps, as argument lists. */
function runformLines(w: Workflow): string[][] {
  const out: string[][] = [];
  for (const s of steps(w)) {
    for (const line of (s.run ?? '').split('\n')) {
      const at = line.search(/(?:^|\s)(?:npx\s+)?runform\s/);
      if (at < 0) continue;
      const ws = words(line.slice(at));
      out.push(ws.slice(ws.indexOf('runform') + 1));
    }
  }
  return out;
}

const inert = commands.map((c) => ({ ...c, handler: () => {} }));

/** The strict parser's complaint about an argument list, or undefined when it accepts it. */
async function complaint(args: string[]): Promise<string | undefined> {
  let msg: string | undefined;
  await cliParser(
    args,
    (m) => {
      msg ??= m;
    },
    inert,
  ).parseAsync();
  return msg;
}

describe('the GitHub Actions workflow templates', () => {
  it('are the three jobs: plan, apply and drift', () => {
    expect(files.sort()).toEqual(['apply.yml', 'drift.yml', 'plan.yml']);
  });

  it.each(files)('%s is valid YAML and every runform command in it parses with the real CLI', async (file) => {
    const w = load(file);
    expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
    const lines = runformLines(w);
    expect(lines.length).toBeGreaterThan(0);
    for (const args of lines) expect({ args, problem: await complaint(args) }).toEqual({ args, problem: undefined });
  });

  it('the strict check catches a flag that does not exist and a command that does not exist', async () => {
    expect(await complaint(['drift', 'infra', '--format', 'markdown', '--no-such-flag'])).toMatch(/Unknown argument/);
    expect(await complaint(['drift', '--format', 'yaml'])).toMatch(/Invalid values/);
    expect(await complaint(['drifts', 'infra'])).toMatch(/Unknown argument|Did you mean/);
  });

  it('plan.yml: on pull requests, saves the plan, posts one comment found again by a marker, uploads the plan', () => {
    const w = load('plan.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    const plan = runformLines(w).find((a) => a[0] === 'plan');
    expect(plan).toEqual(expect.arrayContaining(['--out', '--format', 'markdown']));
    // A plan takes the lock while it reads: during an apply it waits rather than failing the check.
    expect(plan).toEqual(expect.arrayContaining(['--lock-timeout', '10m']));
    const text = readFileSync(join(folder, 'plan.yml'), 'utf8');
    expect(text).toContain('<!-- runform-plan -->');
    expect(text).toContain('updateComment');
    expect(steps(w).some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    expect(steps(w).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))).toBe(true);
  });

  it('apply.yml: on push to main, downloads the reviewed plan, applies that file, and explains a stale plan', () => {
    const w = load('apply.yml');
    expect(w.on).toEqual({ push: { branches: ['main'] } });
    expect(runformLines(w)).toContainEqual(['apply', '$GITHUB_WORKSPACE/runform.plan', '--lock-timeout', '10m']);
    expect(steps(w).some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(true);
    const text = readFileSync(join(folder, 'apply.yml'), 'utf8');
    // The workflow recognises a stale plan by the engine's own words.
    const engine = ['engine/apply/run.ts', 'engine/plan/file.ts'].map((f) =>
      readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8'),
    );
    expect(text).toContain("grep -q 'Saved plan is stale'");
    for (const src of engine) expect(src).toContain("'Saved plan is stale'");
    expect(text).toMatch(/Re-plan/);
  });

  it('drift.yml: on a schedule, reports drift as markdown and opens or updates an issue on exit 2', () => {
    const w = load('drift.yml');
    expect(Object.keys(w.on)).toContain('schedule');
    expect(runformLines(w)).toContainEqual(['drift', '$RUNFORM_DIR', '--format', 'markdown']);
    const text = readFileSync(join(folder, 'drift.yml'), 'utf8');
    expect(text).toContain("steps.drift.outputs.exitcode == '2'");
    expect(text).toContain('issues.create');
    expect(text).toContain('issues.update');
  });
});
