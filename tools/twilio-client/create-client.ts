import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { echoArgument } from '../cli/safe-output';
import { ToolError } from '../cli/tool-error';
import type { TwilioCredentials } from './credentials';

export type TwilioClient = twilio.Twilio;

/** A client and the way to let go of its connections when the run is over. */
export interface OpenTwilioClient {
  readonly client: TwilioClient;
  /** Destroys the HTTP agent's sockets, so nothing keeps a finished tool alive. */
  close(): void;
}

/**
 * A twilio-node client for the command-line tools. Tests pass an `httpClient` that
 * routes every request to a loopback stand-in (Prism) instead of api.twilio.com.
 *
 * Without one, twilio-node's own RequestClient is built here, after the environment
 * it reads has been checked: twilio-node reads `TWILIO_CA_BUNDLE` with readFileSync
 * inside a getter (a bad path is an uncaught exception with a stack trace) and hands
 * `HTTP_PROXY` to https-proxy-agent unchecked (`not a url` ends as "connect ENOENT
 * not%20a%20url"). Keep-alive is off: a tool makes a few calls and then must end.
 *
 * @param env the process environment, which is what twilio-node reads.
 */
export function createTwilioClient(
  credentials: TwilioCredentials,
  env: Readonly<Record<string, string | undefined>>,
  httpClient?: RequestClient,
): OpenTwilioClient {
  if (httpClient) {
    return {
      client: twilio(credentials.accountSid, credentials.authToken, { httpClient }),
      close: () => undefined,
    };
  }
  checkClientEnvironment(env);
  const own = new RequestClient({ keepAlive: false });
  return {
    client: twilio(credentials.accountSid, credentials.authToken, { httpClient: own }),
    close: () => {
      const agent = (own as { axios?: { defaults?: { httpsAgent?: { destroy?: () => void } } } })
        .axios?.defaults?.httpsAgent;
      agent?.destroy?.();
    },
  };
}

/**
 * The variables twilio-node's RequestClient reads from the environment, checked so a
 * bad value is one line naming the variable (exit 1, like missing credentials).
 */
export function checkClientEnvironment(env: Readonly<Record<string, string | undefined>>): void {
  const bundle = env.TWILIO_CA_BUNDLE;
  // twilio-node reads the file whenever the variable is defined, even empty.
  if (bundle !== undefined) {
    let text: string;
    try {
      text = readFileSync(bundle, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ToolError(
        `TWILIO_CA_BUNDLE "${echoArgument(bundle)}" cannot be read (${code}): set it to a PEM file of CA certificates, or unset it`,
      );
    }
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      throw new ToolError(
        `TWILIO_CA_BUNDLE "${echoArgument(bundle)}" holds no PEM certificate (-----BEGIN CERTIFICATE-----): set it to a PEM file of CA certificates, or unset it`,
      );
    }
  }
  const proxy = env.HTTP_PROXY;
  if (proxy !== undefined && proxy !== '') {
    let url: URL | undefined;
    try {
      url = new URL(proxy);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.hostname === '') {
      throw new ToolError(
        `HTTP_PROXY "${echoArgument(proxy)}" is not a proxy URL such as http://proxy.example.com:3128: fix it or unset it`,
      );
    }
  }
}
