#!/usr/bin/env node
// `npm run quickstart`: the first thing a newcomer runs. It walks through a whole runform cycle on
// the bundled example, one explained step at a time, against the embedded local App Runner.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppRunnerClient, ListServicesCommand, TagResourceCommand } from '@aws-sdk/client-apprunner';

// The SDK version is pinned to one that supports Node 20; its notice about later releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'cli', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'runform-quickstart-'));
cpSync(join(root, 'examples', 'quickstart'), work, { recursive: true });

let step = 0;
const say = (explain) => process.stdout.write(`\n== Step ${++step}: ${explain}\n`);
let env = { ...process.env };

/** Runs runform in the work folder; fails the quickstart unless the exit code is one of `accept`. */
function runform(args, accept = [0]) {
  process.stdout.write(`$ runform ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit', cwd: work, env });
  if (!accept.includes(r.status)) fail(`runform ${args[0]} exited with ${r.status}`);
  return r.status;
}

function fail(msg) {
  process.stderr.write(`quickstart: ${msg}\n`);
  cleanup();
  process.exit(1);
}

let local;
function cleanup() {
  local?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

/** Starts `runform local` on a free port and resolves to the URL it prints. */
function startLocal() {
  process.stdout.write('$ runform local --port 0 --latency fast\n');
  local = spawn(process.execPath, [bin, 'local', '--port', '0', '--latency', 'fast'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        local.stdout.off('data', onData);
        local.stdout.resume();
        process.stdout.write(out.replace(/^/gm, '  '));
        resolve(m[1]);
      }
    };
    local.stdout.on('data', onData);
    local.on('exit', (code) => reject(new Error(`runform local exited with ${code}`)));
  });
}

async function main() {
  say('Check the configuration: syntax, references, and every value against the App Runner API model');
  runform(['validate', '.']);

  say('Start the local App Runner, an emulator of the real API on this machine');
  const url = await startLocal();
  // Point runform at it, as you would at a real account with credentials and a region. The fast
  // emulator runs App Runner's operations about 1,500 times quicker, so waits poll that much faster.
  env = {
    ...env,
    AWS_ENDPOINT_URL_APPRUNNER: url,
    AWS_ACCESS_KEY_ID: 'quickstart',
    AWS_SECRET_ACCESS_KEY: 'quickstart',
    RUNFORM_WAIT_SCALE: '1500',
  };

  say('Plan: what runform would do to make App Runner match the configuration, saved for review');
  runform(['plan', '.', '--out', 'reviewed.plan']);

  say('Apply exactly the reviewed plan: the resources in dependency order, following each App Runner operation');
  runform(['apply', 'reviewed.plan']);

  say("Read the configuration's outputs from the state: the service's URL and where to point the domain");
  runform(['output']);

  say('Plan again: everything matches, so there is nothing to do (exit code 0)');
  runform(['plan', '.', '--detailed-exitcode']);

  say('Someone changes a tag by hand, outside runform, with the AWS SDK');
  const client = new AppRunnerClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'quickstart', secretAccessKey: 'quickstart' },
  });
  const services = await client.send(new ListServicesCommand({}));
  const web = services.ServiceSummaryList.find((s) => s.ServiceName === 'quickstart-web');
  await client.send(
    new TagResourceCommand({ ResourceArn: web.ServiceArn, Tags: [{ Key: 'owner', Value: 'someone-else' }] }),
  );
  process.stdout.write(`  tagged ${web.ServiceArn} owner=someone-else\n`);

  say('Drift reads every resource without changing anything and reports the tag (exit code 2: drift found)');
  runform(['drift', '.'], [2]);

  say('Destroy: remove everything runform manages here, in reverse dependency order');
  runform(['destroy', '.', '--auto-approve']);

  cleanup();
  process.stdout.write(
    '\nDone. `npx runform local` keeps an emulator running for your own experiments; the README shows how to point the same configuration at a real AWS account.\n',
  );
}

main().catch((e) => fail(e.message));
