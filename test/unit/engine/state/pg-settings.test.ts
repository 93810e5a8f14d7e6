import { describe, expect, it } from 'vitest';
import { clientConfig } from '../../../../engine/state/pg/settings.js';

const config = (connStr: string) => clientConfig({ connStr, schemaName: 'runform' }, {});

describe('the pg connection string', () => {
  it('passes a postgres:// URL to the driver as it is', () => {
    expect(config('postgres://ci@db.internal:5433/runform')).toMatchObject({
      connectionString: 'postgres://ci@db.internal:5433/runform',
      application_name: 'runform',
    });
  });

  it('reads the keyword/value form, quoted values and escapes included', () => {
    expect(
      config("host=127.0.0.1 port=5433  dbname = runform user=ci password='it\\'s se\\\\cret' sslmode=disable"),
    ).toMatchObject({
      host: '127.0.0.1',
      port: 5433,
      database: 'runform',
      user: 'ci',
      password: "it's se\\cret",
      ssl: false,
    });
    expect(config('host=/var/run/postgresql connect_timeout=5')).toMatchObject({
      host: '/var/run/postgresql',
      connectionTimeoutMillis: 5000,
    });
  });

  it('refuses what it cannot read, naming the problem and never the text, which may hold a password', () => {
    const refusal = (s: string) => {
      try {
        config(s);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal('postgres://ci:hunter2@[bad')).toBe(
      'conn_str is not a valid postgres:// URL (its text is not shown, as it may hold a password)',
    );
    expect(refusal('host=db colour=blue')).toMatch(/^conn_str: unknown keyword "colour"; known ones are host, /);
    expect(refusal('host db')).toMatch(/^conn_str: expected "=" after "host"/);
    expect(refusal("password='hunter2")).toMatch(/^conn_str: the quoted value of "password" is not closed/);
    expect(refusal('port=fifty')).toMatch(/^conn_str: "port" must be a whole number/);
    for (const s of ['postgres://ci:hunter2@[bad', "password='hunter2"]) expect(refusal(s)).not.toContain('hunter2');
  });
});
