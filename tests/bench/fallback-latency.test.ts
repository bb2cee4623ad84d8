/** The order part 1 interleaves its targets in: every target after every target, once. */
import { everyPairOnce } from '../../bench/fallback-latency';

describe('everyPairOnce', () => {
  it.each([1, 2, 3, 4, 5])('over %i targets holds each ordered pair once, cyclically', (n) => {
    const sequence = everyPairOnce(n);
    expect(sequence).toHaveLength(n * n);
    const pairs = sequence.map((target, i) => `${target}>${sequence[(i + 1) % sequence.length]}`);
    expect(new Set(pairs).size).toBe(n * n);
    for (let target = 0; target < n; target += 1) {
      expect(sequence.filter((t) => t === target)).toHaveLength(n);
    }
  });
});
