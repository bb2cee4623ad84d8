/** The tree's fast-failover lines: its limits, and which primaries the budget left unmeasured. */
import type { AccountFix } from '../../../tools/audit/tree-fix';
import { renderTreeTuning, treeTuningJson } from '../../../tools/audit/tree-tuning';
import type { PrimaryTuning } from '../../../tools/audit/tune-primaries';

const tuning = (url: string, extra: Partial<PrimaryTuning> = {}): PrimaryTuning => ({
  url,
  channel: 'voice',
  method: 'POST',
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
