// The HTTP server: reads bodies, routes /_emulator/* to the admin API and everything else to the API pipeline.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AdminHandle, handleAdmin } from './admin.js';
import { type Emulator, requestId } from './emulator.js';

const ADMIN_PREFIX = '/_emulator';
const MAX_BODY = 8 * 1024 * 1024;

/** Collects the body with plain callbacks (no promise per request: this path bounds throughput). */
function readBody(req: IncomingMessage, done: (body: Buffer | undefined) => void, failed: (e: Error) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= MAX_BODY) chunks.push(c);
  });
  req.on('end', () => done(size > MAX_BODY ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  req.on('error', failed);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    'x-amzn-requestid': requestId(),
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

function onRequest(
  em: Emulator,
  admin: AdminHandle,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | undefined,
): void {
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  if (url === ADMIN_PREFIX || url.startsWith(`${ADMIN_PREFIX}/`)) {
    let parsed: unknown = {};
    try {
      parsed = body && body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      send(res, 400, JSON.stringify({ __type: 'SerializationException', Message: 'Body is not JSON.' }), {
        'content-type': 'application/json',
      });
      return;
    }
    const out = handleAdmin(admin, method, url.slice(ADMIN_PREFIX.length).split('?')[0] || '/', parsed);
    send(res, out.status, JSON.stringify(out.body), { 'content-type': 'application/json' });
    return;
  }
  if (body === undefined) {
    send(res, 413, JSON.stringify({ __type: 'SerializationException', Message: 'Request body too large.' }), {
      'content-type': 'application/x-amz-json-1.0',
    });
    return;
  }
  const out = em.handle(method, url, req.headers, body);
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (out.errorType) headers['x-amzn-errortype'] = out.errorType;
  send(res, out.status, out.body, headers);
}

/** Starts listening; resolves with the server and the URL clients should use. */
export async function listen(
  em: Emulator,
  admin: AdminHandle,
  host: string,
  port: number,
): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer((req, res) => {
    const crash = (e: unknown): void => {
      if (!res.headersSent) {
        send(res, 500, JSON.stringify({ __type: 'InternalServiceErrorException', Message: String(e) }), {});
      } else res.destroy();
    };
    readBody(
      req,
      (body) => {
        try {
          onRequest(em, admin, req, res, body);
        } catch (e) {
          crash(e);
        }
      },
      crash,
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { server, url: `http://${shownHost}:${addr.port}`, port: addr.port };
}
