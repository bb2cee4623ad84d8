/**
 * Twilio's REST API on loopback, for tests: Stoplight Prism serving Twilio's own
 * OpenAPI descriptions (vendor/twilio-oai). Prism answers from the spec's
 * examples and refuses, with HTTP 422, any request that breaks the contract, so a
 * test that passes through it proves the call is one Twilio would accept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import type TwilioHttpResponse from 'twilio/lib/http/response';
import { listenOnLoopback } from '../../tools/emulator/loopback-servers';
import { TWILIO_OAI_DIR } from '../../tools/sandbox/openapi-contract';
import { WEBHOOKS_SPEC_FILE } from '../../tools/sandbox/webhooks-routes';

export { TWILIO_OAI_DIR };

/** Twilio product host → the OpenAPI file that describes it. */
export const TWILIO_SPECS = {
  'api.twilio.com': 'twilio_api_v2010.json',
  'sync.twilio.com': 'twilio_sync_v1.json',
  'messaging.twilio.com': 'twilio_messaging_v1.json',
  'serverless.twilio.com': 'twilio_serverless_v1.json',
  'events.twilio.com': 'twilio_events_v1.json',
  // Not Twilio's file (it publishes none for this Public Beta): written from its pages.
  'webhooks.twilio.com': WEBHOOKS_SPEC_FILE,
} as const;

export type TwilioHost = keyof typeof TWILIO_SPECS;

export interface RunningPrism {
  readonly baseUrl: string;
  /** Everything Prism printed: its validation errors name what a request broke. */
  output(): string;
  close(): Promise<void>;
}

/** A port that was free a moment ago: bound on 127.0.0.1, then released. */
async function freePort(): Promise<number> {
  const { port, close } = await listenOnLoopback(createServer());
  await close();
  return port;
}

/** Prism stopped before it listened (e.g. another process took the port first). */
class PrismExitedError extends Error {}

/** How many ports startPrism tries before giving up. */
export const PRISM_START_ATTEMPTS = 3;

/**
 * Starts `prism mock` for one Twilio product on 127.0.0.1; resolves once it listens.
 * Prism takes a port number, not a listening socket, so the port is found free and
 * released before Prism binds it: another process can take it in between. When Prism
 * exits before listening, it is started again on a new port (at most
 * PRISM_START_ATTEMPTS times). `choosePort` exists for the test of that retry.
 */
export async function startPrism(
  host: TwilioHost,
  timeoutMs = 30000,
  choosePort: () => Promise<number> = freePort,
): Promise<RunningPrism> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= PRISM_START_ATTEMPTS; attempt += 1) {
    const port = await choosePort();
    try {
      return await startPrismOn(host, port, timeoutMs);
    } catch (error) {
      if (!(error instanceof PrismExitedError)) throw error;
      failures.push(`port ${port}: ${error.message}`);
    }
  }
  throw new Error(
    `Prism did not start in ${PRISM_START_ATTEMPTS} attempts:\n${failures.join('\n')}`,
  );
}

async function startPrismOn(
  host: TwilioHost,
  port: number,
  timeoutMs: number,
): Promise<RunningPrism> {
  const specFile = resolve(TWILIO_OAI_DIR, TWILIO_SPECS[host]);
  const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [prismBin, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new PrismExitedError(`Prism exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    close: () =>
      new Promise((resolveClose) => {
        if (child.exitCode !== null) return resolveClose();
        child.once('exit', () => resolveClose());
        child.kill();
      }),
  };
}

/**
 * A twilio-node HTTP client that sends each product's requests to a loopback
 * server instead of https://<product>.twilio.com. Requests for a host with no
 * stand-in fail loudly rather than reach the internet.
 */
export class LoopbackRequestClient extends RequestClient {
  /** Every request made, after rewriting: method, URL and form parameters. */
  readonly sent: {
    method: string;
    url: string;
    params: Record<string, unknown>;
    data: Record<string, unknown>;
  }[] = [];

  constructor(private readonly hosts: Partial<Record<TwilioHost, string>>) {
    super();
  }

  override request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<TwilioHttpResponse<TData>> {
    const url = new URL(opts.uri);
    const target = this.hosts[url.hostname as TwilioHost];
    if (!target) {
      return Promise.reject(new Error(`no loopback stand-in for ${url.hostname}`));
    }
    const rewritten = `${target}${url.pathname}${url.search}`;
    this.sent.push({
      method: String(opts.method).toUpperCase(),
      url: rewritten,
      params: { ...(opts.params as Record<string, unknown> | undefined) },
      data: { ...(opts.data as Record<string, unknown> | undefined) },
    });
    return super.request({ ...opts, uri: rewritten });
  }
}

export const TEST_ACCOUNT_SID = 'AC' + '0'.repeat(31) + '1';
export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

/** A real twilio-node client whose requests go to the given loopback stand-ins. */
export function loopbackTwilioClient(hosts: Partial<Record<TwilioHost, string>>): {
  client: twilio.Twilio;
  http: LoopbackRequestClient;
} {
  const http = new LoopbackRequestClient(hosts);
  const client = twilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, { httpClient: http });
  return { client, http };
}
