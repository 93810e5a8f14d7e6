import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AppRunnerClient,
  DescribeServiceCommand,
  DisassociateCustomDomainCommand,
  ListAutoScalingConfigurationsCommand,
  ListServicesCommand,
  TagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../engine/drift/index.js';
import { type RunningEmulator, startEmulator } from '../../providers/apprunner/emulator/index.js';
import { startChild } from '../integration/state/processes.js';
import { hasStackTrace, runformAsync as runform } from './cli.js';

// `runform drift` against the in-process local App Runner, with changes made outside runform by
// the AWS SDK and the AWS CLI. Read-only is checked three ways: the emulator's request counters,
// the state file's bytes and mtime, and a run while another process holds the state lock.

const run = promisify(execFile);
const hasAws = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

const SECRET = 'leaked-secret-7f3c';
const example = new URL('../../examples/quickstart/', import.meta.url).pathname;
let emulator: RunningEmulator;
let env: NodeJS.ProcessEnv;
let dir: string;
let client: AppRunnerClient;
let serviceArn: string;
let scalingArn: string;

beforeAll(async () => {
  emulator = await startEmulator({ latency: 'fast', autoHandshake: true });
  env = {
    AWS_ENDPOINT_URL_APPRUNNER: emulator.url,
    AWS_ACCESS_KEY_ID: 'drift',
    AWS_SECRET_ACCESS_KEY: 'drift',
    RUNFORM_WAIT_SCALE: '1500',
  };
  client = new AppRunnerClient({
    endpoint: emulator.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'drift', secretAccessKey: 'drift' },
  });
  dir = mkdtempSync(join(tmpdir(), 'runform-drift-'));
  cpSync(example, dir, { recursive: true });
  const apply = await runform(['apply', '.', '--auto-approve'], { cwd: dir, env });
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const services = await client.send(new ListServicesCommand({}));
  serviceArn = services.ServiceSummaryList!.find((s) => s.ServiceName === 'quickstart-web')!.ServiceArn!;
  const scaling = await client.send(new ListAutoScalingConfigurationsCommand({}));
  scalingArn = scaling.AutoScalingConfigurationSummaryList!.find(
    (s) => s.AutoScalingConfigurationName === 'quickstart-web-scaling',
  )!.AutoScalingConfigurationArn!;
}, 180_000);
afterAll(() => emulator?.close());

const drift = (args: string[] = []) => runform(['drift', ...args], { cwd: dir, env });
const report = (stdout: string) => JSON.parse(stdout) as DriftReport;
const statePath = () => join(dir, 'runform.state.json');
const fileFacts = () => ({
  bytes: readFileSync(statePath(), 'utf8'),
  mtimeMs: statSync(statePath()).mtimeMs,
  files: readdirSync(dir).sort(),
});

/** Polls until the service leaves OPERATION_IN_PROGRESS. */
async function settled(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = await client.send(new DescribeServiceCommand({ ServiceArn: serviceArn }));
    if (s.Service?.Status !== 'OPERATION_IN_PROGRESS') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the service did not settle');
}

/** Runs `aws apprunner ...` against the emulator with throwaway credentials and no user config. */
async function aws(...args: string[]): Promise<void> {
  await run('aws', ['apprunner', ...args, '--endpoint-url', emulator.url, '--output', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'drift',
      AWS_SECRET_ACCESS_KEY: 'drift',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'),
      AWS_PAGER: '',
    },
  });
}

describe('runform drift on the local App Runner', () => {
  it('reports no drift right after an apply: exit 0, every managed resource checked', async () => {
    const r = await drift(['--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(report(r.stdout)).toMatchObject({ drifted: false, resources: [], unapplied: [], checked: 3 });
    expect(report(r.stdout).duration_ms).toBeGreaterThanOrEqual(0);
    const text = await drift();
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No drift: 3 resource(s) checked');
  }, 120_000);

  it('catches changes made with the AWS SDK and the AWS CLI (exit 2), without a mutating call or a state write', async () => {
    await client.send(new TagResourceCommand({ ResourceArn: serviceArn, Tags: [{ Key: 'owner', Value: 'someone' }] }));
    const svc = (await client.send(new DescribeServiceCommand({ ServiceArn: serviceArn }))).Service!;
    const image = svc.SourceConfiguration!.ImageRepository!;
    await client.send(
      new UpdateServiceCommand({
        ServiceArn: serviceArn,
        SourceConfiguration: {
          ...svc.SourceConfiguration,
          ImageRepository: {
            ...image,
            ImageConfiguration: {
              ...image.ImageConfiguration,
              RuntimeEnvironmentVariables: {
                ...image.ImageConfiguration?.RuntimeEnvironmentVariables,
                API_KEY: SECRET,
              },
            },
          },
        },
      }),
    );
    await settled();
    if (hasAws) await aws('tag-resource', '--resource-arn', scalingArn, '--tags', 'Key=app,Value=changed-by-cli');

    const before = fileFacts();
    emulator.admin.resetStats();
    const r = await drift(['--format', 'json']);
    const calls = Object.keys(emulator.admin.stats().requests);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((op) => !/^(Describe|List|Get)/.test(op))).toEqual([]);
    expect(fileFacts()).toEqual(before);

    const rep = report(r.stdout);
    expect(rep.drifted).toBe(true);
    expect(rep.checked).toBe(3);
    const web = rep.resources.find((x) => x.address === 'apprunner_service.web');
    expect(web).toMatchObject({ type: 'apprunner_service', change: 'updated' });
    expect(web?.attributes).toContainEqual({ path: 'tags.owner', before: 'platform', after: 'someone' });
    const key = web?.attributes.find((a) => a.path.endsWith('runtime_environment_variables.API_KEY'));
    expect(key).toEqual({ path: key?.path, before: '(sensitive value)', after: '(sensitive value)' });
    if (hasAws) {
      expect(rep.resources.find((x) => x.address === 'apprunner_auto_scaling_configuration.web')).toEqual({
        address: 'apprunner_auto_scaling_configuration.web',
        type: 'apprunner_auto_scaling_configuration',
        change: 'updated',
        attributes: [{ path: 'tags.app', before: 'quickstart', after: 'changed-by-cli' }],
      });
    }
    // Undoing drift is not an unapplied configuration change.
    expect(rep.unapplied).toEqual([]);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain('change-me');
  }, 120_000);

  it('prints the drift as text and as markdown, never with a sensitive value', async () => {
    const text = await drift();
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('apprunner_service.web has changed:');
    expect(text.stdout).toMatch(/tags\.owner\s+"platform" -> "someone"/);
    expect(text.stdout).toMatch(/runtime_environment_variables\.API_KEY\s+\(sensitive value\) -> \(sensitive value\)/);
    expect(text.stdout).toContain(`Drift: ${hasAws ? 2 : 1} of 3 resource(s) changed outside runform.`);
    const md = await drift(['--format', 'markdown']);
    expect(md.code).toBe(2);
    expect(md.stdout.split('\n')[0]).toMatch(/^\*\*Drift:\*\* \d of 3 resources changed outside runform/);
    expect(md.stdout).toContain('<details><summary><code>apprunner_service.web</code> has changed outside runform');
    expect(md.stdout).toContain('```diff');
    expect(md.stdout).toContain('```mermaid');
    for (const out of [text.stdout, md.stdout]) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain('change-me');
    }
  }, 120_000);

  it('--json streams the drift as resource_drift messages, JSON lines only, no secret, exit 2', async () => {
    const r = await drift(['--json']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    const msgs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const m of msgs) {
      for (const f of ['@level', '@message', '@timestamp', 'type']) expect(m).toHaveProperty(f);
    }
    expect(msgs[0]?.type).toBe('version');
    const drifted = msgs.filter((m) => m.type === 'resource_drift');
    expect(drifted.map((m) => (m.change as { resource: { addr: string } }).resource.addr)).toContain(
      'apprunner_service.web',
    );
    expect(msgs.at(-1)?.type).toBe('change_summary');
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain('change-me');
  }, 120_000);

  it('--ignore leaves out known drift: whole resources or single attribute paths', async () => {
    const r = await drift([
      '--format',
      'json',
      '--ignore',
      'apprunner_service.web.tags.owner',
      '--ignore',
      'apprunner_service.web.source_configuration[0].image_repository',
      '--ignore',
      'apprunner_auto_scaling_configuration.web',
    ]);
    expect(r.stderr).toBe('');
    expect(report(r.stdout)).toMatchObject({ drifted: false, resources: [] });
    expect(r.code).toBe(0);
    const some = await drift(['--format', 'json', '--ignore', 'apprunner_service.web.tags']);
    expect(some.code).toBe(2);
    const web = report(some.stdout).resources.find((x) => x.address === 'apprunner_service.web');
    expect(web?.attributes.map((a) => a.path).some((p) => p.startsWith('tags'))).toBe(false);
    expect(web?.attributes.length).toBeGreaterThan(0);
    const bad = await drift(['--ignore', 'not-an-address']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid --ignore value "not-an-address"');
    expect(hasStackTrace(bad.stderr)).toBe(false);
  }, 120_000);

  it('runs while another process holds the state lock (an apply there is refused)', async () => {
    const holder = startChild('lock', { kind: 'local', dir });
    try {
      await holder.next((e) => e.event === 'locked');
      const r = await drift(['--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(2);
      expect(report(r.stdout).drifted).toBe(true);
      const apply = await runform(['apply', '.', '--auto-approve'], { cwd: dir, env });
      expect(apply.code).toBe(1);
      expect(apply.stderr).toMatch(/lock/i);
    } finally {
      holder.proc.stdin?.end();
      await holder.exited;
    }
  }, 120_000);

  it('after apply --refresh-only accepts the drift, drift exits 0 and notes the configuration not applied', async () => {
    const accept = await runform(['apply', '.', '--refresh-only', '--auto-approve'], { cwd: dir, env });
    expect(accept.stderr).toBe('');
    expect(accept.code).toBe(0);
    const r = await drift(['--format', 'json']);
    expect(r.code).toBe(0);
    const rep = report(r.stdout);
    expect(rep).toMatchObject({ drifted: false, resources: [] });
    // The configuration still says owner = "platform": that change was never applied.
    expect(rep.unapplied).toContainEqual({ address: 'apprunner_service.web', action: 'update' });
    const text = await drift();
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('apprunner_service.web: update');
    expect(text.stdout).toMatch(/Note: \d configuration change\(s\) not applied yet/);
  }, 120_000);

  it('reports a resource deleted outside runform', async () => {
    await client.send(
      new DisassociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: 'quickstart.example.com' }),
    );
    let rep: DriftReport | undefined;
    for (let i = 0; i < 40; i++) {
      const r = await drift(['--format', 'json']);
      rep = report(r.stdout);
      if (rep.resources.some((x) => x.change === 'deleted')) {
        expect(r.code).toBe(2);
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(rep?.resources).toContainEqual({
      address: 'apprunner_custom_domain.web',
      type: 'apprunner_custom_domain',
      change: 'deleted',
      attributes: [],
    });
    const md = await drift(['--format', 'markdown']);
    expect(md.stdout).toContain('> [!WARNING]');
    expect(md.stdout).toContain('<code>apprunner_custom_domain.web</code> was deleted outside runform');
  }, 120_000);

  it('plan --format markdown prints the pull request comment; the saved-plan hint goes to stderr', async () => {
    const r = await runform(['plan', '.', '--format', 'markdown', '--out', 'pr.plan'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `**Plan:** 1 to add, ${hasAws ? 2 : 1} to change, 0 to replace, 0 to destroy. 1 resource changed outside runform.`,
    );
    expect(r.stdout).toContain('### Changed outside runform');
    expect(r.stdout).toContain('<details><summary><code>apprunner_custom_domain.web</code> will be created</summary>');
    expect(r.stdout).toContain('```mermaid');
    expect(r.stdout).not.toContain('Saved the plan');
    expect(r.stderr).toContain('Saved the plan to pr.plan');
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain('change-me');
  }, 120_000);

  it('exits 1 with a message per resource, and prints no report, when App Runner cannot be reached', async () => {
    const r = await runform(['drift', '--format', 'json'], {
      cwd: dir,
      env: { ...env, AWS_ENDPOINT_URL_APPRUNNER: 'http://127.0.0.1:9' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('apprunner_service.web: error: Cannot read a resource');
    expect(hasStackTrace(r.stderr)).toBe(false);
  }, 120_000);
});
