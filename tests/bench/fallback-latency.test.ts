/** The order part 1 interleaves its targets in: every target after every target, once. */
import { everyPairOnce, everyRelabelling, interleavedOrder } from '../../bench/fallback-latency';

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

describe('interleavedOrder', () => {
  it.each([2, 3, 5])('over %i targets: every target equally often, every pair alike', (n) => {
    const order = interleavedOrder(n);
    expect(order).toHaveLength(n * n * n * (n - 1));
    for (let target = 0; target < n; target += 1) {
      expect(order.filter((t) => t === target)).toHaveLength(order.length / n);
    }
    // Each ordered pair follows equally often, but for the joins between relabellings.
    const follows = new Map<string, number>();
    order.forEach((target, i) => {
      const pair = `${target}>${order[(i + 1) % order.length]}`;
      follows.set(pair, (follows.get(pair) ?? 0) + 1);
    });
    expect(follows.size).toBe(n * n);
    const counts = [...follows.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
  });

  it('takes every ordered pair of targets to every ordered pair of places alike', () => {
    const maps = everyRelabelling(5);
    const landings = new Map<string, number>();
    for (const map of maps) {
      for (let x = 0; x < 5; x += 1) {
        for (let y = 0; y < 5; y += 1) {
          if (x === y) continue;
          const key = `${x},${y} to ${map[x]},${map[y]}`;
          landings.set(key, (landings.get(key) ?? 0) + 1);
        }
      }
    }
    expect(new Set(landings.values())).toEqual(new Set([1]));
    expect(landings.size).toBe(20 * 20);
  });

  it.each([1, 4, 6])('refuses %i targets (not prime)', (n) => {
    expect(() => everyRelabelling(n)).toThrow('prime');
  });
});
