/**
 * Part 7: what ALERT_MODE=events saves the caller. /fallback is measured on two
 * servers, in alternating rounds so machine noise spreads over both evenly:
 * - no alert channel at all (the baseline: what the caller would wait for anyway);
 * - ALERT_MODE=events with every alert channel hanging, as in part 2 (target: median
 *   ≤ 1.1 × the baseline).
 * ALERT_MODE=inline with every channel hanging is part 2 of the same run (the default
 * mode); run-bench divides the two.
 *
 * Part 8b: /events throughput: signed deliveries of 100 error events each, on the
 * baseline server (AUTH_TOKEN set, no alert channel): what /events itself costs
 * (read, verify, group); alert I/O is bounded by ALERT_BUDGET_MS on top.
 */
import { SINK_ANSWER_MS } from '../tools/probe/events-check';
import { sampleErrorLogEvent } from '../tools/events/error-log-event-sample';
import { signedDelivery } from '../tools/events/signed-delivery';
import type { Figure, PartResult } from './bench-results';
import { startBenchServer, type BenchServer } from './bench-server';
import type { BenchSizes } from './bench-sizes';
import { form, looksLikeTwiml, VOICE_FALLBACK_PARAMS } from './fallback-requests';
import { hangingChannelsEnv } from './hanging-alerts';
import { startHangingEndpoint, type HangingEndpoint } from './hanging-endpoints';
import { runLoad, type LoadOutcome } from './load-generator';
import { median, roundFigure } from './percentiles';

const MODE_TARGET_RATIO = 1.1;
const BUDGET_MS = 1000;
const EVENTS_PER_DELIVERY = 100;
/** The bench server's DOMAIN_NAME is 127.0.0.1 (its url, without the port): what /events rebuilds. */
const SIGNED_EVENTS_URL = 'http://127.0.0.1/events';
/** /events verifies deliveries with it. */
const BENCH_AUTH_TOKEN = 'c'.repeat(32);
const AUTH_TOKEN = BENCH_AUTH_TOKEN;

function hangingEnv(endpoints: Record<'webhook' | 'sendgrid' | 'pagerduty', HangingEndpoint>) {
  return {
    ...hangingChannelsEnv(endpoints, BUDGET_MS),
    AUTH_TOKEN,
    PAGERDUTY_ROUTING_KEY: 'R0ut1ngKey0123456789abcdef012345',
    PAGERDUTY_EVENTS_URL: `${endpoints.pagerduty.baseUrl}/v2/enqueue`,
  };
}

let failingHosts = 0;
/** Fallback requests, each for a failing host not seen before (flood control never short-cuts). */
async function fallbackRun(server: BenchServer, amount: number): Promise<LoadOutcome> {
  const requests = Array.from({ length: amount }, () => {
    failingHosts += 1;
    return {
      method: 'POST' as const,
      path: '/fallback',
      body: form({
        ...VOICE_FALLBACK_PARAMS,
        ErrorUrl: `https://mode-${failingHosts}.example.com/v`,
      }),
    };
  });
  return runLoad({
    baseUrl: server.baseUrl,
    requests,
    amount,
    connections: 1,
    maxDurationMs: amount * (BUDGET_MS + 5000),
    verifyBody: looksLikeTwiml,
  });
}

function failures(outcome: LoadOutcome): number {
  return outcome.non2xx + outcome.errors + outcome.mismatches;
}

export async function measureAlertMode(sizes: BenchSizes): Promise<PartResult> {
  const endpoints = {
    webhook: await startHangingEndpoint(),
    sendgrid: await startHangingEndpoint(),
    pagerduty: await startHangingEndpoint(),
    twilioApi: await startHangingEndpoint(),
  };
  const processEnv = { HTTP_PROXY: endpoints.twilioApi.baseUrl };
  const servers: BenchServer[] = [];
  try {
    // Two fresh servers, started and warmed alike, so neither has a JIT head start.
    const [plain, events] = await Promise.all([
      // AUTH_TOKEN is no alert channel: it only lets /events verify deliveries (part 8b).
      startBenchServer({ forkProcess: false, env: { AUTH_TOKEN } }),
      startBenchServer({
        forkProcess: false,
        env: { ...hangingEnv(endpoints), ALERT_MODE: 'events' },
        processEnv,
      }),
    ]);
    servers.push(plain, events);
    // Warm-up (JIT, module load), the same for both.
    await fallbackRun(events, sizes.warmupRequests);
    await fallbackRun(plain, sizes.warmupRequests);
    const plainLatencies: number[] = [];
    const eventsLatencies: number[] = [];
    let failed = 0;
    for (let round = 0; round < sizes.alertModeRounds; round += 1) {
      const order = round % 2 === 0 ? [plain, events] : [events, plain];
      for (const server of order) {
        const outcome = await fallbackRun(server, sizes.alertModeRequests);
        failed += failures(outcome);
        (server === plain ? plainLatencies : eventsLatencies).push(...outcome.latenciesMs);
      }
    }
    const contactedByEvents = Object.values(endpoints).reduce((sum, e) => sum + e.connections(), 0);
    const plainMedian = roundFigure(median(plainLatencies));
    const eventsMedian = roundFigure(median(eventsLatencies));
    const ratio = roundFigure(median(eventsLatencies) / median(plainLatencies));
    const figures: Figure[] = [
      {
        id: 'mode.no-alert.median',
        label: `ALERT_MODE: /fallback with no alert channel (median of ${plainLatencies.length})`,
        value: plainMedian,
        unit: 'ms',
      },
      {
        id: 'mode.events.median',
        label: `ALERT_MODE=events, every channel hanging: /fallback (median of ${eventsLatencies.length})`,
        value: eventsMedian,
        unit: 'ms',
      },
      {
        id: 'mode.failed',
        label: 'ALERT_MODE runs: answers that were not 2xx TwiML',
        value: failed,
        unit: 'requests',
      },
    ];
    const eventsPart = await measureEventsThroughput(plain, sizes);
    return {
      figures: [...figures, ...eventsPart.figures],
      ratios: [
        {
          id: 'ratio.mode-events-over-no-alert.median',
          label: 'ALERT_MODE=events ÷ no alert channel, /fallback median',
          value: ratio,
          unit: '×',
          numerator: 'mode.events.median',
          denominator: 'mode.no-alert.median',
        },
      ],
      targets: [
        {
          id: 'alert-mode-events',
          target: `ALERT_MODE=events ÷ no alert channel, /fallback median with every channel hanging ≤ ${MODE_TARGET_RATIO}`,
          actual: `${ratio} (${eventsMedian} ms vs ${plainMedian} ms; inline: part 2)`,
          met: failed === 0 && contactedByEvents === 0 && ratio <= MODE_TARGET_RATIO,
        },
        ...eventsPart.targets,
      ],
      notes: [
        `ALERT_MODE=events: alert endpoints (webhook, SendGrid, PagerDuty, Twilio API) contacted by /fallback: ${contactedByEvents} (must be 0).`,
        ...(eventsPart.notes ?? []),
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(Object.values(endpoints).map((e) => e.close()));
  }
}

async function measureEventsThroughput(
  server: BenchServer,
  sizes: BenchSizes,
): Promise<PartResult> {
  const events = Array.from({ length: EVENTS_PER_DELIVERY }, () =>
    sampleErrorLogEvent({ errorCode: '11200', webhookUrl: 'https://app.example.com/voice' }),
  );
  const delivery = signedDelivery(SIGNED_EVENTS_URL, events, AUTH_TOKEN);
  const { pathname, search } = new URL(delivery.url);
  const outcome = await runLoad({
    baseUrl: server.baseUrl,
    requests: [
      {
        method: 'POST',
        path: `${pathname}${search}`,
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'x-twilio-signature': delivery.headers['X-Twilio-Signature']!,
        },
      },
    ],
    amount: sizes.eventsDeliveries,
    connections: sizes.eventsConnections,
    maxDurationMs: 60_000,
    verifyBody: (body) => body.includes(`"accepted":${EVENTS_PER_DELIVERY}`),
  });
  const failed = failures(outcome);
  const slowest = Math.max(...outcome.latenciesMs);
  const perSecond = roundFigure((outcome.completed / outcome.elapsedMs) * 1000);
  return {
    figures: [
      {
        id: 'events.deliveries-per-second',
        label: `/events: signed deliveries of ${EVENTS_PER_DELIVERY} error events per second (${sizes.eventsConnections} connections)`,
        value: perSecond,
        unit: 'req/s',
      },
      {
        id: 'events.events-per-second',
        label: '/events: error events read per second',
        value: roundFigure(perSecond * EVENTS_PER_DELIVERY),
        unit: 'events/s',
      },
      {
        id: 'events.median',
        label: `/events: answer time for a delivery of ${EVENTS_PER_DELIVERY} (median of ${outcome.completed})`,
        value: roundFigure(median(outcome.latenciesMs)),
        unit: 'ms',
      },
      {
        id: 'events.failed',
        label: '/events: deliveries not answered 2xx with every event accepted',
        value: failed,
        unit: 'requests',
      },
    ],
    targets: [
      {
        id: 'events-within-sink-timeout',
        target: `/events answers every delivery of 100 events 2xx within the ${SINK_ANSWER_MS / 1000} s sink timeout`,
        actual: `${outcome.completed} of ${sizes.eventsDeliveries}, slowest ${roundFigure(slowest)} ms, ${failed} failed`,
        met:
          failed === 0 && outcome.completed === sizes.eventsDeliveries && slowest < SINK_ANSWER_MS,
      },
    ],
    notes: [
      '/events throughput: on the no-alert server (no channel configured), so it measures reading, verifying and grouping the events; alert I/O adds at most ALERT_BUDGET_MS per delivery.',
    ],
  };
}
