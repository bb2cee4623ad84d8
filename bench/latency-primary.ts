/**
 * A primary on 127.0.0.1 that answers valid TwiML after a delay drawn from a seeded
 * log-normal distribution: what a real webhook's latency looks like (most answers near
 * the median, a long tail of slow ones). Seeded, so a rerun replays the same delays and
 * two runs of the bench compare.
 *
 * `?healthy=<i>` picks the i-th delay of a fixed list (the same 1,000 answers for every
 * timeout setting compared); any other request draws the next delay of a separate
 * seeded stream (the auto-tune measurement).
 */
import { createServer } from 'node:http';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';
import { twiml } from 'twilio';
import { listenOnLoopback, type LoopbackServer } from '../tools/emulator/loopback-servers';

export interface LatencyProfile {
  /** Dotted-id safe: `p99-200ms`. */
  readonly id: string;
  readonly medianMs: number;
  readonly p99Ms: number;
}

/** z of the 99th percentile of the standard normal distribution. */
const Z_99 = 2.3263478740408408;

/** `count` delays, ms, log-normal with the profile's median and p99, times `scale`. */
function logNormalDelays(
  profile: LatencyProfile,
  count: number,
  seed: number,
  scale = 1,
): number[] {
  const rng = mersenne(seed);
  return Array.from({ length: count }, () => nextDelay(rng, profile, scale));
}

function nextDelay(
  rng: ReturnType<typeof mersenne>,
  profile: LatencyProfile,
  scale: number,
): number {
  const sigma = Math.log(profile.p99Ms / profile.medianMs) / Z_99;
  // Box–Muller: two uniforms in (0, 1] give one standard normal.
  const u1 = 1 - uniformFloat64(rng);
  const u2 = uniformFloat64(rng);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.round(profile.medianMs * Math.exp(sigma * z) * scale);
}

export interface LatencyPrimary extends LoopbackServer {
  /** The fixed delays `?healthy=<i>` answers with. */
  readonly healthyDelays: readonly number[];
}

const ANSWER = new twiml.VoiceResponse().say('Thanks for calling.').toString();

export async function startLatencyPrimary(
  profile: LatencyProfile,
  options: { readonly seed: number; readonly healthyCount: number; readonly scale: number },
): Promise<LatencyPrimary> {
  const healthyDelays = logNormalDelays(profile, options.healthyCount, options.seed, options.scale);
  const measurement = mersenne(options.seed + 1);
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    req.resume();
    const index = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('healthy');
    const delay =
      index === null
        ? nextDelay(measurement, profile, options.scale)
        : (healthyDelays[Number(index)] ?? 0);
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end(ANSWER);
    }, delay);
    timers.add(timer);
  });
  const listening = await listenOnLoopback(server);
  return {
    ...listening,
    healthyDelays,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return listening.close();
    },
  };
}
