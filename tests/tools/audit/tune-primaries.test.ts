/** tunePrimaries: what is measured, and what the measurement budget leaves out. */
import { createServer } from 'node:http';
import type { FixPlan, ResourceFix } from '../../../tools/audit/plan-fix';
import { tunePrimaries } from '../../../tools/audit/tune-primaries';
import { listenOnLoopback, type LoopbackServer } from '../../../tools/emulator/loopback-servers';

let server: LoopbackServer;
let requests: string[];
beforeEach(async () => {
  requests = [];
  server = await listenOnLoopback(
    createServer((req, res) => {
      requests.push(req.url ?? '');
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<Response/>');
    }),
  );
});
afterEach(() => server.close());

function fixOf(sid: string, voiceUrl: string, smsUrl?: string): ResourceFix {
  return {
    kind: 'number',
    sid,
    label: `number ${sid}`,
    channels: smsUrl === undefined ? ['voice'] : ['voice', 'sms'],
    numbers: 1,
    numberSids: [sid],
    changes: [
      { field: 'voiceFallbackUrl', before: null, after: 'https://x-1-dev.twil.io/fallback' },
    ],
    primaries: [
      { channel: 'voice', field: 'voiceUrl', url: voiceUrl, method: 'POST' },
      ...(smsUrl === undefined
        ? []
        : [{ channel: 'sms' as const, field: 'smsUrl', url: smsUrl, method: 'GET' }]),
    ],
  };
}

describe('tunePrimaries', () => {
  it('measures nothing and changes no primary once the total budget is spent', async () => {
    const plan: FixPlan = { fixes: [fixOf('PN1', `${server.baseUrl}/a`)], leftAlone: [] };
    const tuned = await tunePrimaries(plan, { authToken: 't', samples: 20, totalBudgetMs: 0 });
    expect(requests).toEqual([]);
    expect(tuned.plan).toEqual(plan);
    expect(tuned.tunings).toEqual([
      expect.objectContaining({
        url: `${server.baseUrl}/a`,
        refused: expect.stringContaining('measurement budget ran out'),
      }),
    ]);
  });

  it('measures a URL once per channel and method, overrides on it ignored, however many resources share it', async () => {
    const plan: FixPlan = {
      fixes: [
        fixOf('PN1', `${server.baseUrl}/a`, `${server.baseUrl}/a`),
        fixOf('PN2', `${server.baseUrl}/a#ct=2000&rt=9000&tt=11000`),
      ],
      leftAlone: [],
    };
    const tuned = await tunePrimaries(plan, { authToken: 't', samples: 20 });
    // Voice (POST) and SMS (GET, parameters in the query) of /a: 20 each.
    expect(requests.filter((url) => url === '/a')).toHaveLength(20);
    expect(requests.filter((url) => url.startsWith('/a?'))).toHaveLength(20);
    expect(tuned.tunings.map((t) => [t.channel, t.resources, t.refused])).toEqual([
      ['voice', ['number PN1', 'number PN2'], undefined],
      ['sms', ['number PN1'], undefined],
    ]);
    // Both resources get the primary change in their own update, old overrides replaced.
    const fields = tuned.plan.fixes.map((fix) => fix.changes.map((change) => change.field));
    expect(fields).toEqual([
      ['voiceFallbackUrl', 'voiceUrl', 'smsUrl'],
      ['voiceFallbackUrl', 'voiceUrl'],
    ]);
    const pn2 = tuned.plan.fixes[1]!.changes[1]!;
    expect(pn2.after).toBe(tuned.plan.fixes[0]!.changes[1]!.after);
  });
});
