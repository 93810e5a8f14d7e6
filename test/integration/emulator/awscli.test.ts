import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { sleep, start } from './helpers.js';

const run = promisify(execFile);
const hasAws = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

let em: RunningEmulator;
const dir = mkdtempSync(join(tmpdir(), 'runform-awscli-'));
beforeAll(async () => {
  em = await start({
    latency: 'instant',
    strictAuth: true,
    credentials: [{ accessKeyId: 'AKIDCLITEST', secretAccessKey: 'cli-secret' }],
  });
});
afterAll(async () => {
  await em.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `aws apprunner ...` against the emulator, isolated from any user configuration. */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  const { stdout } = await run('aws', ['apprunner', ...args, '--endpoint-url', em.url, '--output', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIDCLITEST',
      AWS_SECRET_ACCESS_KEY: 'cli-secret',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_REGION: 'eu-west-1',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PAGER: '',
    },
  });
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

type Service = { ServiceArn: string; Status: string };

describe.skipIf(!hasAws)(
  'the AWS CLI against the emulator, signatures verified (skipped: no `aws` command on PATH)',
  () => {
    it('creates an auto scaling configuration and an image service, waits for RUNNING, pauses, resumes, tags and deletes', async () => {
      const asc = (
        await aws(
          'create-auto-scaling-configuration',
          '--auto-scaling-configuration-name',
          'cli-asc',
          '--max-size',
          '3',
        )
      ).AutoScalingConfiguration as { AutoScalingConfigurationArn: string; MaxSize: number };
      expect(asc.MaxSize).toBe(3);
      const source = JSON.stringify({
        ImageRepository: {
          ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest',
          ImageRepositoryType: 'ECR_PUBLIC',
          ImageConfiguration: { Port: '80' },
        },
        AutoDeploymentsEnabled: false,
      });
      const created = await aws(
        'create-service',
        '--service-name',
        'cli-svc',
        '--source-configuration',
        source,
        '--auto-scaling-configuration-arn',
        asc.AutoScalingConfigurationArn,
      );
      const arn = (created.Service as Service).ServiceArn;
      expect(arn).toMatch(/^arn:aws:apprunner:eu-west-1:123456789012:service\/cli-svc\/[0-9a-f]{32}$/);
      const waitFor = async (wanted: string) => {
        for (let i = 0; i < 40; i++) {
          const s = (await aws('describe-service', '--service-arn', arn)).Service as Service;
          if (s.Status === wanted) return;
          await sleep(50);
        }
        throw new Error(`service never reached ${wanted}`);
      };
      await waitFor('RUNNING');
      const ops = (await aws('list-operations', '--service-arn', arn)).OperationSummaryList as {
        Type: string;
        Status: string;
      }[];
      expect(ops[0]).toMatchObject({ Type: 'CREATE_SERVICE', Status: 'SUCCEEDED' });
      // On the instant profile each operation has settled by the next call, so resume follows pause directly.
      const paused = (await aws('pause-service', '--service-arn', arn)).Service as Service;
      expect(paused.Status).toBe('OPERATION_IN_PROGRESS');
      await aws('resume-service', '--service-arn', arn);
      await aws('tag-resource', '--resource-arn', arn, '--tags', 'Key=owner,Value=cli');
      const tags = (await aws('list-tags-for-resource', '--resource-arn', arn)).Tags;
      expect(tags).toEqual([{ Key: 'owner', Value: 'cli' }]);
      const del = (await aws('delete-service', '--service-arn', arn)).Service as Service;
      expect(del.Status).toBe('OPERATION_IN_PROGRESS');
      const counted = em.admin.stats().requests;
      expect(counted.PauseService).toBe(1);
      expect(counted.ResumeService).toBe(1);
      expect(counted.CreateService).toBe(1);
      expect(counted.DeleteService).toBe(1);
      // Each `aws` process costs about a second of start-up on a busy 2-core machine.
    }, 120_000);
  },
);
