/** The tree's fast-failover lines: its limits, and which primaries the budget left unmeasured. */
import { createServer } from 'node:http';
import type { ResourceFix } from '../../../tools/audit/plan-fix';
import { treeAccount } from '../../../tools/audit/read-tree';
import { renderTreeFix, treeFixJson, type AccountFix } from '../../../tools/audit/tree-fix';
import { renderTreeTuning, treeTuningJson, tuneTreeFix } from '../../../tools/audit/tree-tuning';
import type { PrimaryTuning } from '../../../tools/audit/tune-primaries';
import {
  listenOnLoopback,
  startHungServer,
  type LoopbackServer,
} from '../../../tools/emulator/loopback-servers';
import { createTwilioClient } from '../../../tools/twilio-client/create-client';

const tuning = (url: string, extra: Partial<PrimaryTuning> = {}): PrimaryTuning => ({
  url,
  channel: 'voice',
  resources: ['number +14155550100'],
  ...extra,
});

const entry = (sid: string, friendlyName: string, tunings: PrimaryTuning[]): AccountFix => ({
  audit: { sid, friendlyName, isParent: false, items: [] },
  target: { kind: 'own-deployment', domain: 'x-1-dev.twil.io' },
  plan: { fixes: [], leftAlone: [] },
  tunings,
});

const OUT = {
  budgetRanOut: true as const,
  refused: "not measured: the audit's 120 s measurement budget ran out",
};

describe('the tree’s fast-failover summary', () => {
  const entries = [
    entry('AC1', 'One', [
      tuning('https://one.example.com/v', { timeouts: { ct: 1000, rt: 1000, tt: 2000 } }),
    ]),
    entry('AC2', 'Two', [
      tuning('https://two.example.com/v', { refused: 'the primary failed' }),
      tuning('https://two.example.com/late', OUT),
    ]),
    entry('AC3', 'Three', [tuning('https://three.example.com/v', OUT)]),
  ];

  it('names each primary the budget left unmeasured, with its account', () => {
    const text = renderTreeTuning(entries, { samples: 20 });
    expect(text.split('\n')).toEqual([
      'Fast failover (--fast-failover auto) across the tree: 4 distinct primary(ies) in 3 account(s), each request signed with the token of the account that owns the number; 4 at a time, 120 s in all for the whole tree.',
      'The 120 s measurement budget ran out: 2 primary(ies) not measured, left as they are (their fallbacks are still set):',
      '  https://two.example.com/late (voice) of "Two" (AC2)',
      '  https://three.example.com/v (voice) of "Three" (AC3)',
    ]);
    expect(treeTuningJson(entries, { samples: 20, totalBudgetMs: 60_000 })).toEqual({
      samples: 20,
      concurrency: 4,
      totalBudgetMs: 60_000,
      budgetRanOut: true,
      notMeasured: [
        { accountSid: 'AC2', url: 'https://two.example.com/late', channel: 'voice' },
        { accountSid: 'AC3', url: 'https://three.example.com/v', channel: 'voice' },
      ],
    });
  });

  it('says nothing of the budget when every primary had its turn', () => {
    const text = renderTreeTuning(entries.slice(0, 1), { samples: 20 });
    expect(text).not.toMatch(/ran out/);
    expect(treeTuningJson(entries.slice(0, 1), { samples: 20 })).toMatchObject({
      budgetRanOut: false,
      notMeasured: [],
    });
  });
});

describe('the tree’s fast-failover summary, measured for real', () => {
  let hung: LoopbackServer;
  let answering: LoopbackServer;
  let answered = 0;
  beforeAll(async () => {
    hung = await startHungServer();
    answering = await listenOnLoopback(
      createServer((req, res) => {
        answered += 1;
        req.resume();
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<Response/>');
      }),
    );
  });
  afterAll(() => Promise.all([hung.close(), answering.close()]));

  const fixOn = (voiceUrl: string): ResourceFix => ({
    kind: 'number',
    sid: 'PN1',
    label: 'number +14155550100',
    channels: ['voice'],
    numbers: 1,
    numberSids: ['PN1'],
    changes: [
      { field: 'voiceFallbackUrl', before: null, after: 'https://x-1-dev.twil.io/fallback' },
    ],
    primaries: [{ channel: 'voice', field: 'voiceUrl', url: voiceUrl, method: 'POST' }],
  });
  const accountOn = (sid: string, friendlyName: string, voiceUrl: string) => {
    const token = `token-of-${sid}`;
    const account = treeAccount(
      {
        sid,
        friendlyName,
        isParent: false,
        client: createTwilioClient({ accountSid: sid, authToken: token }),
      },
      token,
    );
    const entry: AccountFix = {
      audit: { sid, friendlyName, isParent: false, items: [] },
      target: { kind: 'own-deployment', domain: 'x-1-dev.twil.io' },
      plan: { fixes: [fixOn(voiceUrl)], leftAlone: [] },
    };
    return { account, entry };
  };

  it('a hung primary spends the small total budget: the next account’s primary is named as not measured, its fallback still planned', async () => {
    const one = accountOn('AC1', 'One', `${hung.baseUrl}/hangs`);
    const two = accountOn('AC2', 'Two', `${answering.baseUrl}/voice`);
    const options = { samples: 20, concurrency: 1, totalBudgetMs: 1500 };
    const entries = await tuneTreeFix(
      [one.entry, two.entry],
      new Map([
        ['AC1', one.account],
        ['AC2', two.account],
      ]),
      options,
    );
    expect(answered).toBe(0);
    const text = renderTreeFix(entries, 'twilio-fallback-guard', options).split('\n');
    expect(text).toEqual(
      expect.arrayContaining([
        'The 1.5 s measurement budget ran out: 1 primary(ies) not measured, left as they are (their fallbacks are still set):',
        `  ${answering.baseUrl}/voice (voice) of "Two" (AC2)`,
      ]),
    );
    expect(treeFixJson(entries, options).fastFailover).toMatchObject({
      totalBudgetMs: 1500,
      budgetRanOut: true,
      notMeasured: [{ accountSid: 'AC2', url: `${answering.baseUrl}/voice`, channel: 'voice' }],
    });
    // Two's update still sets its fallback, and leaves its primary as it is.
    expect(entries[1]!.plan.fixes[0]!.changes.map((change) => change.field)).toEqual([
      'voiceFallbackUrl',
    ]);
  });
});
