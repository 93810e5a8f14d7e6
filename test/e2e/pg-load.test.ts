import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { AppRunnerClient, ListAutoScalingConfigurationsCommand } from '@aws-sdk/client-apprunner';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStateFile } from '../../engine/state/index.js';
import { tempDir } from '../support/engine.js';
import { pgTestUrl, uniqueSchema, waitForPostgres } from '../support/postgres.js';
import { hasStackTrace, runformAsync } from './cli.js';

// The load test of the pg backend: 8 runform processes at once, each planning and applying its
// own small change (one auto scaling configuration) to one pg-backed configuration, against the
// local App Runner run as a separate process.

const WRITERS = 8;
const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const url = pgTestUrl();

/** Starts `runform local` on a free port; resolves with the process and its URL. */
function startLocal(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [bin, 'local', '--port', '0', '--latency', 'fast']);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`runform local exited with ${code}: ${out}`)));
  });
}

const config = (schema: string) => `
runform {
  backend "pg" {
    conn_str    = "${url}"
    schema_name = "${schema}"
  }
}

provider "apprunner" {
  region = "eu-west-1"
}
${Array.from(
  { length: WRITERS },
  (_, i) => `
resource "apprunner_auto_scaling_configuration" "c${i}" {
  auto_scaling_configuration_name = "load-${i}"
  max_concurrency                 = ${10 + i}
  min_size                        = 1
  max_size                        = 2
}
`,
).join('')}`;

describe.skipIf(!url)('pg backend under load', () => {
  let local: Awaited<ReturnType<typeof startLocal>>;
  const db = new pg.Client({ connectionString: url });
  beforeAll(async () => {
    await waitForPostgres(String(url));
    await db.connect();
    local = await startLocal();
  });
  afterAll(async () => {
    local?.child.kill('SIGTERM');
    await db.end();
  });

  it(`${WRITERS} concurrent processes each plan and apply their own change; every write lands, none is lost`, async () => {
    const schema = uniqueSchema('load');
    const dir = tempDir({ 'main.hcl': config(schema) });
    const env = {
      AWS_ENDPOINT_URL_APPRUNNER: local.url,
      AWS_ACCESS_KEY_ID: 'load',
      AWS_SECRET_ACCESS_KEY: 'load',
      AWS_REGION: 'eu-west-1',
      RUNFORM_WAIT_SCALE: '1500',
    };
    // Every stored state version, counted by the database itself: a trigger logs each write.
    const s = pg.escapeIdentifier(schema);
    expect((await runformAsync(['state', 'list'], { cwd: dir, env })).code).toBe(0);
    await db.query(`
        CREATE TABLE ${s}.writes (n serial PRIMARY KEY, serial bigint NOT NULL, lineage text);
        CREATE FUNCTION ${s}.log_write() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN INSERT INTO ${s}.writes (serial, lineage) VALUES (NEW.serial, NEW.lineage); RETURN NEW; END $$;
        CREATE TRIGGER log_write AFTER INSERT OR UPDATE OF state ON ${s}.states
          FOR EACH ROW WHEN (NEW.state IS NOT NULL) EXECUTE FUNCTION ${s}.log_write();`);

    const results = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const target = ['--target', `apprunner_auto_scaling_configuration.c${i}`];
        // Plans skip the lock, so they read while the applies write.
        const plan = await runformAsync(['plan', '--detailed-exitcode', '--lock=false', ...target], { cwd: dir, env });
        const apply = await runformAsync(['apply', '--auto-approve', '--lock-timeout', '4m', ...target], {
          cwd: dir,
          env,
        });
        return { i, plan, apply };
      }),
    );

    for (const { i, plan, apply } of results) {
      // Plans read the state while others write it: each saw a whole state, never a torn or corrupt one.
      expect(plan.stderr, `plan ${i}`).toBe('');
      expect(plan.code, `plan ${i}`).toBe(2);
      expect(plan.stdout).toContain(`apprunner_auto_scaling_configuration.c${i} will be created`);
      for (const text of [plan.stderr, apply.stderr]) {
        expect(text).not.toMatch(/corrupt|not valid JSON|changed since it was read/);
        expect(hasStackTrace(text)).toBe(false);
      }
      // A waiter either got the lock within --lock-timeout and applied, or failed saying the state is locked.
      if (apply.code !== 0) expect(apply.stderr, `apply ${i}`).toMatch(/is locked by .* after waiting 4m/);
      expect(apply.code, `apply ${i}: ${apply.stderr}`).toBe(0);
      expect(apply.stdout).toContain('Apply complete: 1 change(s) made.');
    }

    const row = (
      await db.query<{ serial: string; text: string }>(
        `SELECT serial, state::text AS text FROM ${s}.states WHERE workspace = 'default'`,
      )
    ).rows[0];
    const state = decodeStateFile(row.text, 'the load test state');
    const names = [...state.instances()].map(([a]) => a).sort();
    expect(names).toEqual(Array.from({ length: WRITERS }, (_, i) => `apprunner_auto_scaling_configuration.c${i}`));

    // The serial grew by exactly the number of writes, one step per write, all in one lineage.
    const writes = (
      await db.query<{ serial: string; lineage: string }>(`SELECT serial, lineage FROM ${s}.writes ORDER BY n`)
    ).rows;
    expect(writes.length).toBeGreaterThanOrEqual(WRITERS);
    expect(writes.map((w) => Number(w.serial))).toEqual(writes.map((_, k) => k + 1));
    expect(Number(row.serial)).toBe(writes.length);
    expect(state.serial).toBe(writes.length);
    expect(new Set(writes.map((w) => w.lineage))).toEqual(new Set([state.lineage]));
    // The journal was compacted away by the last run.
    expect((await db.query(`SELECT 1 FROM ${s}.journal`)).rowCount).toBe(0);

    // And the changes are live.
    const client = new AppRunnerClient({
      region: 'eu-west-1',
      endpoint: local.url,
      credentials: { accessKeyId: 'load', secretAccessKey: 'load' },
    });
    const live = await client.send(new ListAutoScalingConfigurationsCommand({ MaxResults: 100 }));
    client.destroy();
    const liveNames = (live.AutoScalingConfigurationSummaryList ?? []).map((c) => c.AutoScalingConfigurationName);
    for (let i = 0; i < WRITERS; i++) expect(liveNames).toContain(`load-${i}`);
  }, 400_000);
});
