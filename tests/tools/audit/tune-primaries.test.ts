/** tunePrimaries: what is measured, and what the measurement budget leaves out. */
import { createServer } from 'node:http';
import type { FixPlan, ResourceFix } from '../../../tools/audit/plan-fix';
import { tunePlans, tunePrimaries } from '../../../tools/audit/tune-primaries';
import {
  listenOnLoopback,
  startHungServer,
  type LoopbackServer,
} from '../../../tools/emulator/loopback-servers';

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

  it('holds ONE total budget for every plan (a tree), not one per plan: what is left when it runs out is not measured, and says so', async () => {
    const hung = await startHungServer();
    try {
      // One primary at a time: the first plan's hung primary spends the whole budget
      // waiting (its total time is cut to what is left), so the second plan's primary is
      // never requested. A budget per plan would have measured it.
      const tuned = await tunePlans(
        [
          {
            plan: { fixes: [fixOf('PN1', `${hung.baseUrl}/hangs`)], leftAlone: [] },
            authToken: 'a',
          },
          { plan: { fixes: [fixOf('PN2', `${server.baseUrl}/b`)], leftAlone: [] }, authToken: 'b' },
        ],
        { samples: 20, concurrency: 1, totalBudgetMs: 1500 },
      );
      expect(requests).toEqual([]);
      expect(tuned.map((plan) => plan.tunings.map((t) => [t.budgetRanOut, t.refused]))).toEqual([
        [[undefined, expect.stringContaining('failed during the measurement')]],
        [[true, expect.stringContaining('measurement budget ran out')]],
      ]);
      expect(tuned[1]!.plan.fixes[0]!.changes.map((change) => change.field)).toEqual([
        'voiceFallbackUrl',
      ]);
    } finally {
      await hung.close();
    }
  });
});

describe('tunePlans: a primary URL shared by many accounts (measured once per account)', () => {
  const planOn = (sid: string, url: string, authToken: string) => ({
    plan: { fixes: [fixOf(sid, url)], leftAlone: [] },
    authToken,
  });

  it('measures every distinct URL before any URL again: a shared app cannot starve a distinct primary', async () => {
    // One primary at a time, 5 requests each (about 0.5 s: measurePrimary spaces its
    // requests 100 ms apart). The budget leaves room to START two groups, not five: in
    // plan order the four measurements of /shared would come first and /own never would.
    const tuned = await tunePlans(
      [
        planOn('PN1', `${server.baseUrl}/shared`, 'a'),
        planOn('PN2', `${server.baseUrl}/shared#rc=2`, 'b'),
        planOn('PN3', `${server.baseUrl}/shared`, 'c'),
        planOn('PN4', `${server.baseUrl}/shared`, 'd'),
        planOn('PN5', `${server.baseUrl}/own`, 'e'),
      ],
      { samples: 5, concurrency: 1, totalBudgetMs: 2200 },
    );
    expect(requests.filter((url) => url === '/own')).toHaveLength(5);
    const own = tuned[4]!.tunings[0]!;
    expect(own.budgetRanOut).toBeUndefined();
    expect(own.summary).toMatchObject({ sent: 5, answered: 5 });
    // The first account on /shared was measured; the budget ran out for a later one.
    expect(tuned[0]!.tunings[0]!.summary).toMatchObject({ answered: 5 });
    expect(tuned.some((plan) => plan.tunings[0]!.budgetRanOut)).toBe(true);
  });

  it('never measures one URL for two accounts at the same time, whatever the concurrency', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const counted: string[] = [];
    const shared = await listenOnLoopback(
      createServer((req, res) => {
        counted.push(req.url ?? '');
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        req.resume();
        // Answers a little later, so that measurements running together would overlap here.
        setTimeout(() => {
          inFlight -= 1;
          res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<Response/>');
        }, 30);
      }),
    );
    try {
      const tuned = await tunePlans(
        [
          planOn('PN1', `${shared.baseUrl}/app`, 'a'),
          planOn('PN2', `${shared.baseUrl}/app`, 'b'),
          planOn('PN3', `${shared.baseUrl}/app#ct=2000`, 'c'),
          planOn('PN4', `${shared.baseUrl}/app`, 'd'),
          planOn('PN5', `${server.baseUrl}/other`, 'e'),
        ],
        { samples: 5, concurrency: 4 },
      );
      // Each account's own measurement (its own signature): 4 × 5 requests, one at a time.
      expect(counted).toHaveLength(20);
      expect(maxInFlight).toBe(1);
      expect(tuned.map((plan) => plan.tunings[0]!.summary?.answered)).toEqual([5, 5, 5, 5, 5]);
      expect(requests.filter((url) => url === '/other')).toHaveLength(5);
    } finally {
      await shared.close();
    }
  });
});
