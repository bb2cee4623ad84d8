/** `probe --number` reads the number through TWILIO_API_BASE_URL (the sandbox's stand-in). */

import { startStandInFallback } from '../../../tools/emulator/loopback-servers';
import { runProbeCli } from '../../../tools/probe/cli';
import { emptyAccount, numberRecord, sidOf } from '../../../tools/sandbox/account-state';
import { startApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const ACCOUNT = sidOf('AC', 0xd0);
const TOKEN = 'probe-base-url-token';

it('looks the number up on the stand-in and probes the URLs it holds', async () => {
  const twiml = await startStandInFallback();
  const account = emptyAccount(ACCOUNT, TOKEN, 'probe test');
  account.numbers.set(
    sidOf('PN', 1),
    numberRecord(sidOf('PN', 1), '+12025550001', {
      voiceUrl: `${twiml.baseUrl}/primary`,
      voiceFallbackUrl: `${twiml.baseUrl}/fallback`,
    }),
  );
  const standIn = await startApiStandIn({ accounts: [account] });
  const cwd = makeTempDir('probe-base-url');
  let stdout = '';
  try {
    const code = await runProbeCli(['--number', '+12025550001', '--voice', '--json'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {
        TWILIO_ACCOUNT_SID: ACCOUNT,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_API_BASE_URL: standIn.baseUrl,
      },
      cwd,
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { results: { url: string; pass: boolean }[] }).results).toEqual([
      expect.objectContaining({ url: `${twiml.baseUrl}/primary`, pass: true }),
      expect.objectContaining({ url: `${twiml.baseUrl}/fallback`, pass: true }),
    ]);
    expect(standIn.requests.map((r) => `${r.method} ${r.operation} ${r.status}`)).toEqual([
      'GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json 200',
      // Webhook Rules, read to say whether one overrides the primary's #ct=… timeouts.
      'GET /v1/Webhooks/Rules 200',
    ]);
  } finally {
    removeTempDir(cwd);
    await standIn.close();
    await twiml.close();
  }
});
