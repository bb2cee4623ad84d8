/** treeFixJson: `fix.accounts[].fastFailover` is there for every account when the run tunes. */
import { treeFixJson, type AccountFix } from '../../../tools/audit/tree-fix';

const leftAlone: AccountFix = {
  audit: { sid: 'AC1', friendlyName: 'Bistro', isParent: false, items: [] },
  target: { kind: 'none', deployCommand: 'npm run deploy -- --subaccount AC1' },
  plan: { fixes: [], leftAlone: [] },
};
const tuned: AccountFix = {
  audit: { sid: 'AC2', friendlyName: 'Acme', isParent: false, items: [] },
  target: { kind: 'own-deployment', domain: 'x-1-dev.twil.io' },
  plan: { fixes: [], leftAlone: [] },
  tunings: [
    {
      url: 'https://app.example.com/voice',
      channel: 'voice',
      resources: ['number +14155550100'],
      refused: 'the primary failed',
    },
  ],
};

describe('treeFixJson', () => {
  it('with --fast-failover auto, an account left alone has fastFailover: [] (nothing measured)', () => {
    const json = treeFixJson([leftAlone, tuned], { samples: 20 });
    expect(json.accounts.map((account) => [account.accountSid, account.fastFailover])).toEqual([
      ['AC1', []],
      ['AC2', [expect.objectContaining({ url: 'https://app.example.com/voice' })]],
    ]);
  });

  it('without --fast-failover auto, no account has fastFailover', () => {
    const json = treeFixJson([leftAlone, tuned]);
    expect(json.accounts.map((account) => 'fastFailover' in account)).toEqual([false, false]);
  });
});
