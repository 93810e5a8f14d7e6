// A second runform, as a separate process, for the state tests. It opens the store described by
// the JSON spec in argv[3] and reports each step as one JSON line on stdout.
//   lock SPEC            take the lock and hold it until stdin closes, then unlock
//   record SPEC FROM N   open a session and record creates FROM..FROM+N-1, one at a time
import { LocalBackend, PgBackend, providerAddr, StateError, StateSession } from '../../../dist/engine/state/index.js';

const [, , command, specText, ...rest] = process.argv;
const spec = JSON.parse(specText);

// Loaded only for an S3 store, as the CLI does: the AWS SDK is not needed otherwise.
const s3 = spec.kind === 's3' ? await import('../../../dist/engine/state/s3/index.js') : undefined;

function open() {
  // Remote backends add their kind here when their conformance run needs a second process.
  if (spec.kind === 'local') return new LocalBackend({ dir: spec.dir });
  if (spec.kind === 'pg') return new PgBackend(spec.settings, spec.workspace);
  if (spec.kind === 's3') return s3.createS3Backend(spec.settings, 'default');
  throw new Error(`unknown backend kind ${spec.kind}`);
}

const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function lock() {
  const backend = open();
  try {
    const info = await backend.lock({ operation: 'apply', who: `child-${process.pid}` });
    say({ event: 'locked', id: info.id, pid: process.pid });
    process.stdin.resume();
    process.stdin.on('end', async () => {
      await backend.unlock(info.id);
      say({ event: 'unlocked' });
    });
  } catch (e) {
    if (!(e instanceof StateError)) throw e;
    say({ event: 'refused', kind: e.kind, message: e.message, holder: e.holder });
  }
}

async function record(from, count) {
  const session = await StateSession.open(open(), { operation: 'apply', lockTimeoutMs: 10_000, lockPollMs: 20 });
  say({ event: 'opened', instances: session.state.instanceCount });
  for (let i = from; i < from + count; i++) {
    await session.record({
      kind: 'set-instance',
      addr: `svc.web[${i}]`,
      provider: providerAddr('apprunner'),
      instance: { attributes: { n: i, pad: 'x'.repeat(200) }, sensitivePaths: [], dependencies: [] },
    });
    say({ event: 'recorded', i });
  }
  await session.close();
  say({ event: 'closed' });
}

if (command === 'lock') await lock();
else if (command === 'record') await record(Number(rest[0]), Number(rest[1]));
else throw new Error(`unknown command ${command}`);
