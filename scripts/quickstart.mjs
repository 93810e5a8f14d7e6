#!/usr/bin/env node
// `npm run quickstart`: the first thing a newcomer runs. It walks through what runform can do
// today, one explained step at a time, against the embedded local App Runner. No AWS account.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AppRunnerClient,
  CreateAutoScalingConfigurationCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServiceCommand,
  ListOperationsCommand,
} from '@aws-sdk/client-apprunner';

// The SDK version is pinned to one that supports Node 20; its notice about later releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'cmd', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'runform-quickstart-'));
cpSync(join(root, 'examples', 'quickstart'), work, { recursive: true });

let step = 0;
const say = (explain) => process.stdout.write(`\n== Step ${++step}: ${explain}\n`);

function runform(args) {
  process.stdout.write(`$ runform ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit', cwd: work });
  if (r.status !== 0) fail(`runform ${args[0]} exited with ${r.status}`);
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
  say('Check the example configuration: syntax, references, and every value against the App Runner API model');
  runform(['validate', '.']);

  say('Start the local App Runner, an emulator of the real API on this machine');
  const url = await startLocal();
  const client = new AppRunnerClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'quickstart', secretAccessKey: 'quickstart' },
  });

  say('Talk to it with the unmodified AWS SDK: create an auto scaling configuration and a service');
  const asc = await client.send(
    new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'quickstart-scaling', MaxSize: 3 }),
  );
  process.stdout.write(`  auto scaling configuration: ${asc.AutoScalingConfiguration.AutoScalingConfigurationArn}\n`);
  const created = await client.send(
    new CreateServiceCommand({
      ServiceName: 'quickstart-web',
      SourceConfiguration: {
        AutoDeploymentsEnabled: false,
        ImageRepository: { ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest', ImageRepositoryType: 'ECR_PUBLIC' },
      },
      InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' },
      AutoScalingConfigurationArn: asc.AutoScalingConfiguration.AutoScalingConfigurationArn,
    }),
  );
  const arn = created.Service.ServiceArn;
  process.stdout.write(`  service: ${arn}\n  status: ${created.Service.Status} (operation ${created.OperationId})\n`);

  say('Wait for the asynchronous operation, as runform does: follow its OperationId');
  for (;;) {
    const ops = await client.send(new ListOperationsCommand({ ServiceArn: arn }));
    const op = ops.OperationSummaryList.find((o) => o.Id === created.OperationId);
    process.stdout.write(`  ${op.Type} ${op.Status}\n`);
    if (op.Status === 'SUCCEEDED') break;
    if (op.Status.includes('FAILED') || op.Status.startsWith('ROLLBACK')) fail(`operation ended ${op.Status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const svc = await client.send(new DescribeServiceCommand({ ServiceArn: arn }));
  process.stdout.write(`  ${svc.Service.ServiceName} is ${svc.Service.Status} at https://${svc.Service.ServiceUrl}\n`);
  process.stdout.write(
    `  CPU ${svc.Service.InstanceConfiguration.Cpu}, memory ${svc.Service.InstanceConfiguration.Memory} (numeric form, as App Runner answers)\n`,
  );

  say('Clean up');
  const del = await client.send(new DeleteServiceCommand({ ServiceArn: arn }));
  process.stdout.write(`  deleting: ${del.Service.Status}\n`);

  cleanup();
  process.stdout.write('\nDone. Next: `npx runform local` keeps the emulator running for your own experiments.\n');
}

main().catch((e) => fail(e.message));
