/**
 * Runs `probe --number +12025550001 --voice --json` (or `--sms`) in-process against the
 * stateful stand-in (tools/sandbox), the way a user does: credentials and
 * TWILIO_API_BASE_URL in the environment. The number's voice primary and fallback are a
 * loopback TwiML server; `number` sets other URLs on it, and `fill` adds what a test
 * needs to the account (Webhook Rules, say).
 */
import { startStandInFallback } from '../../../tools/emulator/loopback-servers';
import { runProbeCli } from '../../../tools/probe/cli';
import {
  emptyAccount,
  numberRecord,
  sidOf,
  type StoredAccount,
  type StoredNumber,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const ACCOUNT = sidOf('AC', 0xd1);
const TOKEN = 'probe-stand-in-token';
export const PROBED_NUMBER = '+12025550001';

export interface ProbeRun {
  readonly code: number;
  readonly report: {
    pass: boolean;
    notes: string[];
    results: { name: string; url: string; pass: boolean; detail: string }[];
  };
  /** The stand-in's requests, as `METHOD operation status`. */
  readonly requests: readonly string[];
  readonly twimlBase: string;
}

export async function probeNumberOnStandIn(
  options: {
    /** The primary's path on the TwiML server, fragment included (default `/primary`). */
    primaryPath?: string;
    /** The channel probed (default voice). */
    channel?: 'voice' | 'sms';
    /** More of the number's configuration (its SMS URLs, say). */
    number?: Partial<StoredNumber>;
    fill?: (account: StoredAccount, twimlBase: string) => void;
  } = {},
): Promise<ProbeRun> {
  const twiml = await startStandInFallback();
  const account = emptyAccount(ACCOUNT, TOKEN, 'probe test');
  account.numbers.set(
    sidOf('PN', 1),
    numberRecord(sidOf('PN', 1), PROBED_NUMBER, {
      voiceUrl: `${twiml.baseUrl}${options.primaryPath ?? '/primary'}`,
      voiceFallbackUrl: `${twiml.baseUrl}/fallback`,
      ...options.number,
    }),
  );
  options.fill?.(account, twiml.baseUrl);
  const standIn = await startApiStandIn({ accounts: [account] });
  const cwd = makeTempDir('probe-stand-in');
  let stdout = '';
  try {
    const channel = `--${options.channel ?? 'voice'}`;
    const code = await runProbeCli(['--number', PROBED_NUMBER, channel, '--json'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {
        TWILIO_ACCOUNT_SID: ACCOUNT,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_API_BASE_URL: standIn.baseUrl,
      },
      cwd,
    });
    return {
      code,
      report: JSON.parse(stdout) as ProbeRun['report'],
      requests: standIn.requests.map((r) => `${r.method} ${r.operation} ${r.status}`),
      twimlBase: twiml.baseUrl,
    };
  } finally {
    removeTempDir(cwd);
    await standIn.close();
    await twiml.close();
  }
}
