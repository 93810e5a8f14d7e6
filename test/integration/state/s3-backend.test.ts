import { hostname } from 'node:os';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { InstanceAddr } from '../../../engine/addrs/index.js';
import { LockError, StaleWriteError, StateSession } from '../../../engine/state/index.js';
import { createS3Backend, listS3Workspaces, type S3Settings } from '../../../engine/state/s3/index.js';
import type { RunningS3 } from '../../support/s3-global.js';
import { refusal } from './conformance.js';
import { createService, serviceAddr, serviceInstance } from './fixtures.js';
import { startChild } from './processes.js';
import { s3Store } from './s3-store.js';

const server = inject('s3');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf('skip' in server)('s3 backend against radosgw', () => {
  const running = server as RunningS3;
  let store: Awaited<ReturnType<typeof s3Store>>;
  beforeEach(async () => {
    store = await s3Store(running);
  });
  afterEach(() => store.dispose());

  const getText = async (key: string) => {
    const r = await store.raw.send(new GetObjectCommand({ Bucket: store.settings.bucket, Key: key }));
    return (await r.Body?.transformToString('utf8')) ?? '';
  };
  const put = (key: string, body: string) =>
    store.raw.send(new PutObjectCommand({ Bucket: store.settings.bucket, Key: key, Body: body }));
  const keysUnder = async (prefix: string) =>
    ((await store.raw.send(new ListObjectsV2Command({ Bucket: store.settings.bucket, Prefix: prefix }))).Contents ?? [])
      .map((o) => o.Key!)
      .sort();

  describe('conditional writes', () => {
    it('refuses a write when the object changed behind it, even at the same serial (the ETag decides)', async () => {
      const b = store.open();
      const { state } = await b.read();
      await b.write(state);
      // Someone rewrites the object without raising the serial: only the ETag can tell.
      const stored = await getText(store.settings.key);
      await put(store.settings.key, stored.replace('\n', '\n '));
      state.setInstance(serviceAddr(1), 'provider["p"]', serviceInstance(1));
      const e = await refusal(b.write(state));
      expect(e).toBeInstanceOf(StaleWriteError);
      expect(e.message).toContain(
        `s3://${store.settings.bucket}/${store.settings.key} changed since it was read (serial 1 then, 1 now)`,
      );
      expect(e.message).toContain('Nothing was overwritten');
      expect(await getText(store.settings.key)).toBe(stored.replace('\n', '\n '));
    });

    it('needs compat = "ceph" on radosgw 16: with the standard quoted If-Match every update is refused', async () => {
      const aws = createS3Backend({ ...store.settings, compat: 'aws' });
      const { state } = await aws.read();
      // The first write is a create (If-None-Match), which radosgw handles like AWS.
      expect(await aws.write(state)).toBe(1);
      const e = await refusal(aws.write(state));
      expect(e).toBeInstanceOf(StaleWriteError);
      expect(e.message).toContain('(serial 1 then, 1 now)');
      await aws.close();
      // The same update through the ceph dialect goes through.
      const ceph = store.open();
      const again = (await ceph.read()).state;
      expect(await ceph.write(again)).toBe(2);
    });

    it('keeps the state as it was before the operation in <key>.backup', async () => {
      const first = await StateSession.open(store.open(), { operation: 'apply' });
      await first.record(createService(1));
      await first.close();
      const second = await StateSession.open(store.open(), { operation: 'apply' });
      await second.record(createService(2));
      await second.commit();
      await second.record(createService(3));
      await second.close();
      const backup = JSON.parse(await getText(`${store.settings.key}.backup`));
      expect(backup.serial).toBe(1);
      expect(JSON.parse(await getText(store.settings.key)).serial).toBe(3);
    });
  });

  describe('setup mistakes', () => {
    it('says the bucket does not exist rather than reading an empty state', async () => {
      const b = createS3Backend({ ...store.settings, bucket: 'no-such-bucket-here' });
      const e = await refusal(b.read());
      expect(e.kind).toBe('io');
      expect(e.message).toBe(
        `cannot read s3://no-such-bucket-here/${store.settings.key}: the bucket "no-such-bucket-here" does not exist`,
      );
      await b.close();
    });

    it('says the credentials were refused, without showing them', async () => {
      const saved = process.env.AWS_SECRET_ACCESS_KEY;
      process.env.AWS_SECRET_ACCESS_KEY = 'not-the-secret';
      try {
        const b = createS3Backend(store.settings);
        const e = await refusal(b.lock({ operation: 'apply' }));
        expect(e.kind).toBe('io');
        expect(e.message).toContain(
          `cannot write s3://${store.settings.bucket}/${store.settings.key}.lock: access denied`,
        );
        expect(e.message).not.toContain('not-the-secret');
        await b.close();
      } finally {
        process.env.AWS_SECRET_ACCESS_KEY = saved;
      }
    });
  });

  describe('workspaces', () => {
    it('keeps the default workspace at key and the others under env:/NAME/key, separate from each other', async () => {
      const settings: S3Settings = { ...store.settings, key: `${store.prefix}ws.json` };
      const staging = createS3Backend(settings, 'staging');
      const prod = createS3Backend(settings);
      const s = (await staging.read()).state;
      s.setInstance(serviceAddr(1), 'provider["p"]', serviceInstance(1));
      await staging.write(s);
      expect(staging.location).toBe(`s3://${settings.bucket}/env:/staging/${settings.key}`);
      expect(prod.location).toBe(`s3://${settings.bucket}/${settings.key}`);
      expect((await prod.read()).exists).toBe(false);
      expect((await createS3Backend(settings, 'staging').read()).state.instanceCount).toBe(1);
      // A second operation keeps a backup: the server-side copy works with the "env:/" key too.
      const held = await staging.lock({ operation: 'apply' });
      s.outputs.set('url', { value: 'https://x', sensitive: false });
      expect(await staging.write(s)).toBe(2);
      await staging.unlock(held.id);
      expect(JSON.parse(await getText(`env:/staging/${settings.key}.backup`)).serial).toBe(1);
      await Promise.all([staging.close(), prod.close()]);
    });

    it('lists the workspaces that have a state for this key, default first', async () => {
      const settings: S3Settings = { ...store.settings, key: `${store.prefix}list.json` };
      expect(await listS3Workspaces(settings)).toEqual([]);
      for (const ws of ['staging', 'default', 'dev']) {
        const b = createS3Backend(settings, ws);
        await b.write((await b.read()).state);
        await b.close();
      }
      // Another configuration's state in another workspace is not one of ours.
      const other = createS3Backend({ ...settings, key: `${store.prefix}other.json` }, 'qa');
      await other.write((await other.read()).state);
      await other.close();
      expect(await listS3Workspaces(settings)).toEqual(['default', 'dev', 'staging']);
    });
  });

  describe('the lock object', () => {
    const lockKey = () => `${store.settings.key}.lock`;
    const foreignLock = (id: string) =>
      JSON.stringify({
        id,
        operation: 'apply',
        who: 'bob',
        pid: 4242,
        host: `not-${hostname()}`,
        created: new Date().toISOString(),
      });

    it('reports a lock from another host that stopped renewing as stale, with its age and holder', async () => {
      const fast = { lockTiming: { renewMs: 200, staleAfterMs: 1_500 } };
      await put(lockKey(), foreignLock('lock-from-elsewhere'));
      const fresh = await refusal(createS3Backend(store.settings, 'default', fast).lock({ operation: 'plan' }));
      expect(fresh.kind).toBe('locked');
      expect(fresh.message).toContain(`bob (operation "apply"`);
      await sleep(2_200);
      const stale = await refusal(createS3Backend(store.settings, 'default', fast).lock({ operation: 'plan' }));
      expect(stale.kind).toBe('stale-lock');
      expect(stale.message).toMatch(
        /on another host that stopped renewing its lock \d+s ago: the lock is stale \(\d+s old\)/,
      );
      expect(stale.message).toContain(`pid 4242@not-${hostname()}`);
      expect(stale.message).toContain('runform force-unlock lock-from-elsewhere');
      // Reported, never taken over.
      expect(JSON.parse(await getText(lockKey())).id).toBe('lock-from-elsewhere');
    });

    it('renews a held lock, so its object keeps being rewritten while the operation runs', async () => {
      const b = createS3Backend(store.settings, 'default', { lockTiming: { renewMs: 200, staleAfterMs: 1_500 } });
      const held = await b.lock({ operation: 'apply' });
      const at = async () =>
        (await store.raw.send(new HeadObjectCommand({ Bucket: store.settings.bucket, Key: lockKey() }))).LastModified!;
      const first = await at();
      await sleep(1_500);
      // radosgw keeps whole seconds: a rewrite during 1.5 s moves the time by at least one.
      expect((await at()).getTime()).toBeGreaterThan(first.getTime());
      expect(JSON.parse(await getText(lockKey())).id).toBe(held.id);
      await b.unlock(held.id);
      await b.close();
    });

    it('refuses to write once its lock was force-unlocked by someone else', async () => {
      const b = createS3Backend(store.settings, 'default', { lockTiming: { renewMs: 100, staleAfterMs: 1_000 } });
      const { state } = await b.read();
      const held = await b.lock({ operation: 'apply' });
      await store.open().forceUnlock(held.id);
      await sleep(400);
      const e = await refusal(b.write(state));
      expect(e).toBeInstanceOf(LockError);
      expect(e.message).toContain(`the lock ${held.id} on s3://`);
      expect(e.message).toContain('nothing was written');
      expect(await store.rawRead()).toBeUndefined();
      await b.close();
    });

    it('unlocks only its own lock: a lock replaced meanwhile is left in place', async () => {
      const b = store.open();
      const held = await b.lock({ operation: 'apply' });
      await put(lockKey(), foreignLock('someone-else'));
      const e = await refusal(b.unlock(held.id));
      expect(e.kind).toBe('lock-mismatch');
      expect(e.message).toContain(`it holds lock someone-else, not lock ${held.id}. Nothing was removed.`);
      expect(JSON.parse(await getText(lockKey())).id).toBe('someone-else');
    });
  });

  describe('the journal', () => {
    it('costs one small object per change whatever the size of the state', async () => {
      const seed = await StateSession.open(store.open(), { operation: 'apply' });
      for (let i = 0; i < 300; i++) await seed.record(createService(i));
      await seed.close();
      const stateBytes = (await getText(store.settings.key)).length;
      const session = await StateSession.open(store.open(), { operation: 'apply' });
      await session.record(createService(1000));
      const journal = await keysUnder(`${store.settings.key}.journal/`);
      expect(journal).toHaveLength(1);
      const entryBytes = (await getText(journal[0]!)).length;
      expect(stateBytes).toBeGreaterThan(300_000);
      expect(entryBytes).toBeLessThan(4_000);
      await session.close();
      expect(await keysUnder(`${store.settings.key}.journal/`)).toEqual([]);
    });

    it('keeps every change that returned before a SIGKILL; the next session replays them', async () => {
      const child = startChild('record', store.childSpec, '0', '100000');
      await child.next((e) => e.event === 'recorded' && e.i === 11);
      child.proc.kill('SIGKILL');
      await child.exited;
      const reported = child.events.filter((e) => e.event === 'recorded').length;
      const held = JSON.parse(await getText(`${store.settings.key}.lock`)).id;
      await store.open().forceUnlock(held);
      const session = await StateSession.open(store.open(), { operation: 'check' });
      const count = session.state.instanceCount;
      expect(count - reported).toBeGreaterThanOrEqual(0);
      expect(count - reported).toBeLessThanOrEqual(1);
      for (let i = 0; i < count; i++) {
        expect(session.state.instance(`svc.web[${i}]` as InstanceAddr)?.attributes.n).toBe(i);
      }
      await session.close();
      // Replayed, compacted into one write, and the journal removed.
      expect(JSON.parse((await store.rawRead())!).serial).toBe(1);
      expect(await keysUnder(`${store.settings.key}.journal/`)).toEqual([]);
    });
  });
});
