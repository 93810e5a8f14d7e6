import { Agent, request } from 'node:http';
import { AppRunnerClient, ListConnectionsCommand } from '@aws-sdk/client-apprunner';
import { it } from 'vitest';
import { startEmulator } from '../../../providers/apprunner/emulator/index.js';

it('prof', async () => {
  const em = await startEmulator({ latency: 'instant', seed: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const h = {
    authorization:
      'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/apprunner/aws4_request, SignedHeaders=host, Signature=00',
    'x-amz-target': 'AppRunner.ListConnections',
    'content-type': 'application/x-amz-json-1.0',
  };
  const one = () =>
    new Promise<void>((res, rej) => {
      const r = request(em.url + '/', { method: 'POST', headers: h, agent }, (s) => {
        s.resume();
        s.on('end', res);
      });
      r.on('error', rej);
      r.end('{}');
    });
  let n = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() - t < 2000) {
        await one();
        n++;
      }
    }),
  );
  console.log('raw rps', n / 2);
  const c = new AppRunnerClient({
    endpoint: em.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  n = 0;
  const t2 = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() - t2 < 2000) {
        await c.send(new ListConnectionsCommand({}));
        n++;
      }
    }),
  );
  console.log('sdk rps', n / 2);
  n = 0;
  const t3 = performance.now();
  while (performance.now() - t3 < 1000) {
    await c.send(new ListConnectionsCommand({}));
    n++;
  }
  console.log('sdk sequential rps', n);
  await em.close();
});
