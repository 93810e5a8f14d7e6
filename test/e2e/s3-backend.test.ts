import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { startChild } from '../integration/state/processes.js';
import { rawClient, s3Store } from '../integration/state/s3-store.js';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';
import type { RunningS3 } from '../support/s3-global.js';
import { hasStackTrace } from './cli.js';

// The s3 backend as a user meets it: named in the runform block, driven by the CLI as a process
// against a real S3 server (Ceph radosgw), with credentials from the environment as the AWS chain
// reads them. Apply and plan, a lock held by another process and force-unlock, workspaces, and
// `state migrate` from a local state.

const server = inject('s3');

const resources = `
resource "test_thing" "a" {
  name = "a"
}
`;

if ('skip' in server) {
  describe.skip(`the s3 backend from the CLI: ${server.skip}`, () => {
    it('needs radosgw', () => {});
  });
} else {
  const s3 = server as RunningS3;
  let providerModule: string;
  beforeAll(() => {
    providerModule = buildCliProvider();
  });

  /** A configuration folder whose state lives under a fresh key prefix of the test bucket. */
  const setup = async (body = resources) => {
    const store = await s3Store(s3);
    const block = `runform {
  backend "s3" {
    bucket   = "${store.settings.bucket}"
    key      = "${store.settings.key}"
    region   = "us-east-1"
    endpoint = "${s3.endpoint}"
    compat   = "ceph"
  }
}
`;
    const dir = tempDir({ 'main.hcl': `${block}${body}` });
    const env = cliEnv(providerModule, join(dir, 'cloud.json'), {
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    const raw = rawClient(s3);
    const object = async (key: string) => {
      const r = await raw.send(new GetObjectCommand({ Bucket: store.settings.bucket, Key: key }));
      return JSON.parse(await r.Body!.transformToString()) as { lineage: string; serial: number; resources: unknown[] };
    };
    const keys = async () =>
      (
        (await raw.send(new ListObjectsV2Command({ Bucket: store.settings.bucket, Prefix: store.prefix }))).Contents ??
        []
      ).map((o) => o.Key!);
    return { dir, env, block, key: store.settings.key, settings: store.settings, object, keys };
  };

  describe('the s3 backend from the CLI', () => {
    it('applies, keeps the state in the bucket and not on disk, and plans no changes after', async () => {
      const { dir, env, key, object, keys } = await setup();
      const applied = runCli(['apply', '--auto-approve'], dir, env);
      expect(applied.stderr).toBe('');
      expect(applied.status).toBe(0);
      const state = await object(key);
      expect(JSON.stringify(state.resources)).toContain('test_thing');
      expect(existsSync(join(dir, 'runform.state.json'))).toBe(false);
      // The journal was folded in and the lock released: only the state and its backup remain.
      expect((await keys()).filter((k) => k.endsWith('.lock') || k.includes('.journal/'))).toEqual([]);
      const plan = runCli(['plan', '--detailed-exitcode'], dir, env);
      expect([plan.status, plan.stderr]).toEqual([0, '']);
      expect(plan.stdout).toContain('No changes.');
      expect(runCli(['state', 'list'], dir, env).stdout).toBe('test_thing.a\n');
    });

    it('refuses an apply while another process holds the lock, names it, and force-unlock frees it', async () => {
      const { dir, env, settings } = await setup();
      const holder = startChild('lock', { kind: 's3', settings, workspace: 'default' });
      try {
        const locked = await holder.next((e) => e.event === 'locked');
        const refused = runCli(['apply', '--auto-approve', '--lock-timeout', '300ms'], dir, env);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(/is locked by child-\d+ \(operation "apply"/);
        expect(refused.stderr).toContain('after waiting 300ms');
        expect(refused.stderr).toContain(`runform force-unlock ${locked.id}`);
        expect(hasStackTrace(refused.stderr)).toBe(false);
        expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
        const wrong = runCli(['force-unlock', 'wrong-id'], dir, env);
        expect(wrong.status).toBe(1);
        expect(wrong.stderr).toContain(locked.id as string);
        const freed = runCli(['force-unlock', String(locked.id)], dir, env);
        expect([freed.status, freed.stderr]).toEqual([0, '']);
        const applied = runCli(['apply', '--auto-approve'], dir, env);
        expect([applied.status, applied.stderr]).toEqual([0, '']);
      } finally {
        holder.proc.kill('SIGKILL');
        await holder.exited;
      }
    });

    it('keeps each workspace at env:/NAME/<key>; lists, selects, refuses to delete one that manages resources, and deletes it with --force', async () => {
      const { dir, env, key, object, keys } = await setup();
      expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
      const created = runCli(['workspace', 'new', 'staging'], dir, env);
      expect([created.status, created.stderr]).toEqual([0, '']);
      expect(runCli(['workspace', 'show'], dir, env).stdout).toBe('staging\n');
      // Staging starts empty: the same configuration plans a create there.
      const plan = runCli(['plan', '--detailed-exitcode'], dir, {
        ...env,
        RUNFORM_TEST_CLOUD: join(dir, 'staging.json'),
      });
      expect(plan.status).toBe(2);
      expect(plan.stdout).toContain('test_thing.a will be created');
      const applied = runCli(['apply', '--auto-approve'], dir, {
        ...env,
        RUNFORM_TEST_CLOUD: join(dir, 'staging.json'),
      });
      expect([applied.status, applied.stderr]).toEqual([0, '']);
      const staging = await object(`env:/staging/${key}`);
      const main = await object(key);
      expect(staging.lineage).not.toBe(main.lineage);
      const listed = runCli(['workspace', 'list'], dir, env);
      expect(listed.stdout).toMatch(/^ {2}default$/m);
      expect(listed.stdout).toMatch(/^\* staging$/m);
      expect(runCli(['workspace', 'select', 'default'], dir, env).status).toBe(0);
      const refused = runCli(['workspace', 'delete', 'staging'], dir, env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('still manages 1 instance(s)');
      expect(hasStackTrace(refused.stderr)).toBe(false);
      expect((await object(`env:/staging/${key}`)).lineage).toBe(staging.lineage);
      // --force forgets what it manages: the state, its backup and journal go; default stays.
      const forced = runCli(['workspace', 'delete', 'staging', '--force'], dir, env);
      expect([forced.status, forced.stderr]).toEqual([0, '']);
      expect((await keys()).filter((k) => k.includes('env:/staging/'))).toEqual([]);
      expect(runCli(['workspace', 'list'], dir, env).stdout).not.toContain('staging');
      expect((await object(key)).lineage).toBe(main.lineage);
    });

    it('migrates a local state into the bucket, keeping lineage and serial', async () => {
      const { dir: s3Dir, block, key, object } = await setup();
      const dir = tempDir({ 'main.hcl': resources });
      const env = cliEnv(providerModule, join(dir, 'cloud.json'), {
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });
      expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
      const local = JSON.parse(readFileSync(join(dir, 'runform.state.json'), 'utf8')) as {
        lineage: string;
        serial: number;
      };
      writeFileSync(join(dir, 'to-s3.hcl.txt'), block);
      const moved = runCli(['state', 'migrate', '--to-backend', 'to-s3.hcl.txt'], dir, env);
      expect(moved.stderr).toBe('');
      expect(moved.status).toBe(0);
      expect(moved.stdout).toContain(`lineage ${local.lineage}, serial ${local.serial}, 1 instance(s)`);
      const copied = await object(key);
      expect([copied.lineage, copied.serial]).toEqual([local.lineage, local.serial]);
      // The folder configured with the s3 block sees the migrated state: nothing to do.
      const plan = runCli(['plan', '--detailed-exitcode'], s3Dir, {
        ...env,
        RUNFORM_TEST_CLOUD: join(dir, 'cloud.json'),
      });
      expect([plan.status, plan.stderr]).toEqual([0, '']);
    });

    it('migrates into another workspace of the bucket, whether migrate creates it or workspace new did', async () => {
      const { dir: s3Dir, env: s3Env, block, key, object } = await setup();
      // `workspace new` leaves an empty state of its own lineage under env:/made/<key>.
      expect(runCli(['workspace', 'new', 'made'], s3Dir, s3Env).status).toBe(0);
      const empty = await object(`env:/made/${key}`);
      const applied = () => {
        const dir = tempDir({ 'main.hcl': resources, 'to-s3.hcl.txt': block });
        const env = cliEnv(providerModule, join(dir, 'cloud.json'), {
          AWS_ACCESS_KEY_ID: s3.accessKeyId,
          AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        });
        expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
        const local = JSON.parse(readFileSync(join(dir, 'runform.state.json'), 'utf8')) as StateHead;
        return { dir, env, local };
      };
      const first = applied();
      expect(first.local.lineage).not.toBe(empty.lineage);
      for (const ws of ['fresh', 'made']) {
        const moved = runCli(
          ['state', 'migrate', '--to-backend', 'to-s3.hcl.txt', '--to-workspace', ws],
          first.dir,
          first.env,
        );
        expect([moved.status, moved.stderr]).toEqual([0, '']);
        const copied = await object(`env:/${ws}/${key}`);
        expect([copied.lineage, copied.serial, copied.resources.length]).toEqual([
          first.local.lineage,
          first.local.serial,
          1,
        ]);
      }
      // A workspace that now holds a state is not replaced by another one.
      const second = applied();
      const refused = runCli(
        ['state', 'migrate', '--to-backend', 'to-s3.hcl.txt', '--to-workspace', 'made'],
        second.dir,
        second.env,
      );
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('already holds another state');
      expect(hasStackTrace(refused.stderr)).toBe(false);
      expect((await object(`env:/made/${key}`)).lineage).toBe(first.local.lineage);
    });
  });
}

interface StateHead {
  readonly lineage: string;
  readonly serial: number;
}
