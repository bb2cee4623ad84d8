import type { FixPlan, ResourceFix } from '../../../tools/audit/plan-fix';
import { renderFix } from '../../../tools/audit/fix-report';

function fix(label: string, numberSids: string[]): ResourceFix {
  return {
    kind: 'number',
    sid: `PN${label}`,
    label,
    channels: ['voice'],
    numbers: numberSids.length,
    numberSids,
    changes: [{ field: 'voiceFallbackUrl', before: null, after: 'https://x.twil.io/fallback' }],
    primaries: [
      { channel: 'voice', field: 'voiceUrl', url: 'https://app.example.com/v', method: 'POST' },
    ],
  };
}

describe('renderFix', () => {
  it.each<[string, ResourceFix[], string]>([
    [
      'one resource per number',
      [fix('a', ['PN1']), fix('b', ['PN2'])],
      '2 resource(s), protecting 2 number(s)',
    ],
    // A number whose voice is fixed on itself and whose SMS is fixed on its Messaging
    // Service appears in two fixes: it is one number.
    [
      'a number fixed on two resources',
      [fix('own', ['PN1']), fix('service', ['PN1', 'PN2'])],
      '2 resource(s), protecting 2 number(s)',
    ],
  ])('%s: counts distinct numbers', (_name, fixes, summary) => {
    const plan: FixPlan = { fixes, leftAlone: [] };
    expect(renderFix(plan, undefined)).toContain(`Fix plan: ${summary}:`);
  });
});
