import {
  instanceState,
  MAX_REMEMBERED_VALUES,
  remembered,
  resetInstanceState,
} from '../../../src/runtime/instance-state';

describe('remembered: request values worked out once per instance, within a bound', () => {
  afterEach(() => resetInstanceState());

  it('computes a value once per key and hands back the same result', () => {
    const memo = new Map<string, { readonly length: number }>();
    const compute = jest.fn((key: string) => ({ length: key.length }));
    const first = remembered(memo, 'https://app.example.com/voice', compute);
    const again = remembered(memo, 'https://app.example.com/voice', compute);
    expect(again).toBe(first);
    expect(first).toEqual({ length: 29 });
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps at most MAX_REMEMBERED_VALUES, dropping the oldest first', () => {
    const memo = new Map<string, number>();
    const compute = jest.fn((key: string) => Number(key));
    for (let i = 0; i < MAX_REMEMBERED_VALUES + 10; i += 1) remembered(memo, String(i), compute);
    expect(memo.size).toBe(MAX_REMEMBERED_VALUES);
    expect(memo.has('0')).toBe(false);
    expect(memo.has(String(MAX_REMEMBERED_VALUES + 9))).toBe(true);
    // A dropped value is computed again, not lost.
    expect(remembered(memo, '0', compute)).toBe(0);
    expect(compute).toHaveBeenCalledTimes(MAX_REMEMBERED_VALUES + 11);
  });

  it('is forgotten by resetInstanceState, as by a fresh instance', () => {
    remembered(instanceState.errorUrls, 'https://app.example.com/voice', () => undefined);
    remembered(instanceState.errorExplanations, '11200', () => ({
      status: 'unknown' as const,
      code: 11200,
      name: '',
      cause: '',
      check: '',
      docsUrl: '',
    }));
    resetInstanceState();
    expect(instanceState.errorUrls.size).toBe(0);
    expect(instanceState.errorExplanations.size).toBe(0);
  });
});
