import { callerWaitLines } from '../../../tools/emulator/caller-wait';
import {
  DEFAULT_CONNECTION_OVERRIDES,
  parseOverridesFragment,
} from '../../../tools/emulator/connection-overrides';
import type { SimulationAttempt } from '../../../tools/emulator/simulate';

const attempt = (role: SimulationAttempt['role'], atMs: number, ms: number): SimulationAttempt => ({
  url: 'http://127.0.0.1/x',
  method: 'POST',
  role,
  status: 200,
  errorCode: null,
  ms,
  retry: 0,
  atMs,
});

describe('callerWaitLines', () => {
  it.each([
    [
      'a fallback that answered: the wait until its answer, and the fragment’s worst case',
      [attempt('primary', 0, 3001), attempt('fallback', 3004, 12)],
      'ct=1000&rt=3000&tt=4000',
      [
        'Caller waited 3016 ms before the fallback answered (the fallback was requested at 3004 ms).',
        "Worst case if the primary hangs, with ct=1000&rt=3000&tt=4000: 4000 ms before Twilio requests the fallback (Twilio's defaults: 15000 ms).",
      ],
    ],
    [
      'tt below ct + rt caps the worst case',
      [attempt('primary', 0, 5)],
      'ct=2000&rt=3000&tt=3500',
      [
        "Worst case if the primary hangs, with ct=2000&rt=3000&tt=3500: 3500 ms before Twilio requests the fallback (Twilio's defaults: 15000 ms).",
      ],
    ],
    [
      'no fragment: Twilio’s defaults',
      [attempt('primary', 0, 5)],
      '',
      [
        "Worst case if the primary hangs, with ct=5000&rt=15000&tt=15000: 15000 ms before Twilio requests the fallback (Twilio's defaults: 15000 ms).",
      ],
    ],
  ])('%s', (_what, attempts, fragment, expected) => {
    const { overrides } = parseOverridesFragment(fragment);
    expect(callerWaitLines({ attempts, primaryOverrides: overrides })).toEqual(expected);
  });

  it('says nothing about the worst case when the report does not carry the overrides', () => {
    expect(callerWaitLines({ attempts: [attempt('fallback', 10, 5)] })).toEqual([
      'Caller waited 15 ms before the fallback answered (the fallback was requested at 10 ms).',
    ]);
    expect(DEFAULT_CONNECTION_OVERRIDES.tt).toBe(15000);
  });
});
