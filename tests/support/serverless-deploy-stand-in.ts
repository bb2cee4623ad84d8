/**
 * Twilio's Serverless API on loopback, as `twilio-run deploy` reaches it: an HTTP proxy
 * (twilio-run honours HTTP_PROXY, see below) that answers CONNECT for exactly
 * serverless.twilio.com:443 and serverless-upload.twilio.com:443, terminates TLS with a
 * certificate from a CA made here (the deploy process trusts it through
 * NODE_EXTRA_CA_CERTS), and routes each request:
 * - serverless.twilio.com → Prism serving Twilio's own serverless OpenAPI description
 *   (vendor/twilio-oai/twilio_serverless_v1.json), which refuses a request that breaks
 *   the contract with HTTP 422 and answers from the spec's examples;
 * - serverless-upload.twilio.com → a small stand-in of the Function/Asset Version upload
 *   (multipart; the upload host is not in Twilio's OpenAPI files), which keeps what it got.
 *
 * Why a CONNECT proxy: @twilio-labs/serverless-api 5.7 (dist/client.js, createGotClient)
 * builds every URL from the product host (`https://serverless.twilio.com/v1`, and
 * `serverless-upload` for versions) and, when HTTP_PROXY is set, sends them all through
 * hpagent's HttpsProxyAgent: a CONNECT tunnel, then TLS to the real host name. HTTPS_PROXY
 * is not read. Any other CONNECT target is refused and recorded, so nothing can leave the
 * machine.
 */
import Ajv from 'ajv';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join, resolve } from 'node:path';
import type { Socket } from 'node:net';
import selfsigned from 'selfsigned';
import { listenOnLoopback } from '../../tools/emulator/loopback-servers';
import { startPrism, TWILIO_OAI_DIR, TWILIO_SPECS, type RunningPrism } from './twilio-api-stand-in';
import { makeTempDir, removeTempDir } from './temp-dir';

export const SERVERLESS_HOST = 'serverless.twilio.com';
export const UPLOAD_HOST = 'serverless-upload.twilio.com';

export interface ApiCall {
  readonly method: string;
  readonly path: string;
  /** The form fields as sent, every value of a repeated key kept, in order. */
  readonly form: readonly (readonly [string, string])[];
  /** Prism's status for the call (422: it broke Twilio's contract). */
  readonly status: number;
}

export interface Upload {
  readonly kind: 'Functions' | 'Assets';
  /** The Version SID the stand-in answered with. */
  readonly sid: string;
  readonly path: string;
  readonly visibility: string;
  readonly content: string;
  readonly contentType: string;
}

export interface RunningServerlessStandIn {
  /** `http://127.0.0.1:<port>`: the value for HTTP_PROXY. */
  readonly proxyUrl: string;
  /** A PEM file with the CA that signed the stand-in's certificate: NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  readonly calls: ApiCall[];
  readonly uploads: Upload[];
  /** CONNECT targets refused (anything but the two Serverless hosts). */
  readonly refusedTargets: string[];
  prismOutput(): string;
  close(): Promise<void>;
}

async function makeCertificates(): Promise<{ ca: string; key: string; cert: string }> {
  const ca = await selfsigned.generate(
    [{ name: 'commonName', value: 'twilio-fallback-guard test CA' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
  );
  const leaf = await selfsigned.generate([{ name: 'commonName', value: SERVERLESS_HOST }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: SERVERLESS_HOST },
          { type: 2, value: UPLOAD_HOST },
        ],
      },
      { name: 'extKeyUsage', serverAuth: true },
    ],
  });
  return { ca: ca.cert, key: leaf.private, cert: leaf.cert };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

interface FormSchema {
  readonly properties?: Record<string, { type?: string; items?: object }>;
}

/** The form-encoded request schema of each POST operation, by path pattern. */
function formSchemas(): { match: RegExp; schema: FormSchema }[] {
  const spec = JSON.parse(
    readFileSync(resolve(TWILIO_OAI_DIR, TWILIO_SPECS[SERVERLESS_HOST]), 'utf8'),
  ) as {
    paths: Record<
      string,
      { post?: { requestBody?: { content?: Record<string, { schema?: FormSchema }> } } }
    >;
  };
  return Object.entries(spec.paths).flatMap(([template, operations]) => {
    const schema =
      operations.post?.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
    if (!schema) return [];
    const match = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return [{ match, schema }];
  });
}

/**
 * Prism's known problem with repeated form keys: a list field such as the Build's
 * `FunctionVersions` travels as the key repeated (`FunctionVersions=ZN1&FunctionVersions=ZN2`,
 * how twilio-run and Twilio's own libraries send lists), but Prism reads a form key as a
 * single string and refuses it ("Request body property FunctionVersions must be array"),
 * whether it appears once or twice. So the stand-in checks every value of a list field
 * against the spec's item schema itself (422 on a bad one, as Prism would) and lets Prism
 * check the rest of the request without those keys. ApiCall.form keeps every value.
 */
function splitListFields(
  path: string,
  form: readonly (readonly [string, string])[],
): { forPrism: string; listErrors: string[] } {
  const schema = FORM_SCHEMAS.find((candidate) => candidate.match.test(path))?.schema;
  const listKeys = new Set(
    Object.entries(schema?.properties ?? {})
      .filter(([, property]) => property.type === 'array')
      .map(([key]) => key),
  );
  const listErrors: string[] = [];
  for (const [key, value] of form) {
    if (!listKeys.has(key)) continue;
    const items = schema?.properties?.[key]?.items ?? {};
    if (!ajv.validate(items, value)) listErrors.push(`${key}=${value} ${ajv.errorsText()}`);
  }
  const rest = form.filter(([key]) => !listKeys.has(key));
  return {
    forPrism: new URLSearchParams(
      rest.map(([key, value]): [string, string] => [key, value]),
    ).toString(),
    listErrors,
  };
}

const ajv = new Ajv();
const FORM_SCHEMAS = formSchemas();

let versionCounter = 0;
function versionSid(): string {
  versionCounter += 1;
  return `ZN${versionCounter.toString(16).padStart(32, '0')}`;
}

export async function startServerlessStandIn(): Promise<RunningServerlessStandIn> {
  const dir = makeTempDir('serverless-stand-in');
  const prism: RunningPrism = await startPrism(SERVERLESS_HOST);
  const calls: ApiCall[] = [];
  const uploads: Upload[] = [];
  const refusedTargets: string[] = [];
  const sockets = new Set<Socket>();
  try {
    const pems = await makeCertificates();
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pems.ca);

    const tls = createHttpsServer({ key: pems.key, cert: pems.cert }, (request, response) => {
      void (async () => {
        const host = (request.headers.host ?? '').replace(/:443$/, '');
        const method = (request.method ?? 'GET').toUpperCase();
        const path = request.url ?? '/';
        const body = await readBody(request);
        const contentType = request.headers['content-type'] ?? '';
        if (host === UPLOAD_HOST) {
          const match =
            /^\/v1\/Services\/(ZS\w{32})\/(Functions|Assets)\/(Z[HS]\w{32})\/Versions$/.exec(path);
          if (method !== 'POST' || !match) {
            response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
            return;
          }
          const form = await new Response(body, {
            headers: { 'content-type': contentType },
          }).formData();
          const content = form.get('Content');
          const sid = versionSid();
          const upload: Upload = {
            kind: match[2] as Upload['kind'],
            sid,
            path: String(form.get('Path')),
            visibility: String(form.get('Visibility')),
            content: content instanceof Blob ? await content.text() : String(content),
            contentType: content instanceof Blob ? content.type : '',
          };
          uploads.push(upload);
          response.writeHead(201, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              sid,
              account_sid: 'AC' + '0'.repeat(32),
              service_sid: match[1],
              [match[2] === 'Functions' ? 'function_sid' : 'asset_sid']: match[3],
              path: upload.path,
              visibility: upload.visibility,
              date_created: new Date(0).toISOString(),
              url: `https://${SERVERLESS_HOST}${path}/${sid}`,
            }),
          );
          return;
        }
        const form = contentType.startsWith('application/x-www-form-urlencoded')
          ? [...new URLSearchParams(body.toString('utf8'))]
          : [];
        const { forPrism, listErrors } = splitListFields(path.split('?')[0] ?? path, form);
        if (listErrors.length > 0) {
          calls.push({ method, path, form, status: 422 });
          response.writeHead(422, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status: 422, message: listErrors.join('; ') }));
          return;
        }
        const upstream = await fetch(`${prism.baseUrl}${path}`, {
          method,
          headers: {
            ...(contentType !== '' ? { 'content-type': contentType } : {}),
            authorization: request.headers.authorization ?? '',
          },
          body: method === 'GET' || method === 'DELETE' ? undefined : forPrism,
        });
        const text = await upstream.text();
        calls.push({ method, path, form, status: upstream.status });
        response.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        });
        response.end(text);
      })().catch((error: unknown) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`stand-in: ${error instanceof Error ? error.message : String(error)}`);
      });
    });

    const proxy: Server = createHttpServer((_request, response) => {
      response.writeHead(403).end('only CONNECT to the Serverless hosts');
    });
    proxy.on('connect', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      const target = request.url ?? '';
      if (target !== `${SERVERLESS_HOST}:443` && target !== `${UPLOAD_HOST}:443`) {
        refusedTargets.push(target);
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      tls.emit('connection', socket);
    });
    const listening = await listenOnLoopback(proxy);

    return {
      proxyUrl: listening.baseUrl,
      caFile,
      calls,
      uploads,
      refusedTargets,
      prismOutput: () => prism.output(),
      close: async () => {
        for (const socket of sockets) socket.destroy();
        await Promise.all([listening.close(), prism.close()]);
        removeTempDir(dir);
      },
    };
  } catch (error) {
    await prism.close();
    removeTempDir(dir);
    throw error;
  }
}
