import { request } from 'node:http';
import { CreateServiceCommand, DescribeServiceCommand, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, errorOf, PUBLIC_IMAGE, REGION, start } from './helpers.js';

let em: RunningEmulator;
beforeAll(async () => {
  em = await start();
});
afterAll(() => em.close());

/** A raw POST, to see exactly what goes over the wire. */
function post(
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${em.url}/`, { method: 'POST', headers }, (res) => {
      let data = '';
      res.on('data', (c) => {
        data += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signedLike = {
  'content-type': 'application/x-amz-json-1.0',
  authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/apprunner/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
};

describe('awsJson1_0 wire protocol', () => {
  it('answers JSON with a request id and epoch-second timestamps', async () => {
    await client(em).send(new CreateServiceCommand({ ServiceName: 'wire-svc', SourceConfiguration: PUBLIC_IMAGE }));
    const r = await post({ ...signedLike, 'x-amz-target': 'AppRunner.ListServices' }, '{}');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(r.body) as { ServiceSummaryList: { CreatedAt: unknown }[] };
    const created = body.ServiceSummaryList[0].CreatedAt;
    expect(typeof created).toBe('number');
    expect(Math.abs((created as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('answers an unknown target with UnknownOperationException', async () => {
    const r = await post({ ...signedLike, 'x-amz-target': 'AppRunner.LaunchRocket' }, '{}');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).__type).toBe('UnknownOperationException');
  });

  it('answers malformed JSON with SerializationException', async () => {
    const r = await post({ ...signedLike, 'x-amz-target': 'AppRunner.ListServices' }, '{"MaxResults": ');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ __type: 'SerializationException' });
  });

  it('refuses a request without SigV4 authorization with 403 MissingAuthenticationTokenException', async () => {
    const r = await post(
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AppRunner.ListServices' },
      '{}',
    );
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).__type).toBe('MissingAuthenticationTokenException');
  });

  it('carries errors as __type plus Message, which the SDK turns into named exceptions', async () => {
    const raw = await post(
      { ...signedLike, 'x-amz-target': 'AppRunner.DescribeService' },
      JSON.stringify({
        ServiceArn: `arn:aws:apprunner:${REGION}:123456789012:service/nope/0123456789abcdef0123456789abcdef`,
      }),
    );
    expect(JSON.parse(raw.body)).toEqual({ __type: 'ResourceNotFoundException', Message: expect.any(String) });
    const e = await errorOf(
      client(em).send(
        new DescribeServiceCommand({
          ServiceArn: `arn:aws:apprunner:${REGION}:123456789012:service/nope/0123456789abcdef0123456789abcdef`,
        }),
      ),
    );
    expect(e).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });

  it('validates input against the model and names the member at fault', async () => {
    const e = await errorOf(
      client(em).send(new CreateServiceCommand({ ServiceName: 'x', SourceConfiguration: PUBLIC_IMAGE })),
    );
    expect(e.name).toBe('InvalidRequestException');
    expect(e.message).toContain('ServiceName');
    const r = await post(
      { ...signedLike, 'x-amz-target': 'AppRunner.CreateService' },
      JSON.stringify({ ServiceName: 'abcd' }),
    );
    expect(JSON.parse(r.body).Message).toContain('SourceConfiguration');
    const range = await errorOf(client(em).send(new ListServicesCommand({ MaxResults: 21 })));
    expect(range.message).toContain('MaxResults');
  });

  it('takes the region from the credential scope, in ARNs, URLs and separate state', async () => {
    const other = client(em, { region: 'ap-southeast-2' });
    const r = await other.send(
      new CreateServiceCommand({ ServiceName: 'wire-svc', SourceConfiguration: PUBLIC_IMAGE }),
    );
    expect(r.Service?.ServiceArn).toMatch(
      /^arn:aws:apprunner:ap-southeast-2:123456789012:service\/wire-svc\/[0-9a-f]{32}$/,
    );
    expect(r.Service?.ServiceUrl).toMatch(/^[a-z0-9]+\.ap-southeast-2\.awsapprunner\.com$/);
    const listed = await other.send(new ListServicesCommand({}));
    expect(listed.ServiceSummaryList?.map((s) => s.ServiceArn)).toEqual([r.Service?.ServiceArn]);
  });
});
