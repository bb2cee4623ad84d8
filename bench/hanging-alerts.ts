/**
 * Part 2: /fallback with every alert channel pointed at loopback endpoints that
 * accept the connection and never answer. The caller's answer must still come
 * within the configured alert budget (+100 ms): alerts are side work, and the
 * runtime cuts off whatever is still in flight once the Function calls back.
 *
 * Channels and how each is pointed at its hanging endpoint:
 * - webhook: ALERT_WEBHOOK_URL;
 * - e-mail: SENDGRID_API_URL (the overridable SendGrid base URL);
 * - SMS and the flood-control lookup in Sync go through twilio-node, whose API
 *   hosts cannot be configured; twilio-node honours HTTP_PROXY, so the server
 *   process gets a hanging "proxy" and every Twilio API call hangs in CONNECT.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../tests/support/dev-server';
import { notMeasured, type Figure, type PartResult } from './bench-results';
import { startBenchServer } from './bench-server';
import type { BenchSizes } from './bench-sizes';
import { form, looksLikeTwiml, VOICE_FALLBACK_PARAMS } from './fallback-requests';
import { startHangingEndpoint, type HangingEndpoint } from './hanging-endpoints';
import { runLoad } from './load-generator';
import { median, roundFigure } from './percentiles';

const PART = '2. /fallback with hanging alert channels';
const TARGET_SLACK_MS = 100;
const TARGET = `answer with hanging alert channels ≤ alert budget + ${TARGET_SLACK_MS} ms`;

/** The alert variables (alerts issue) this part drives; all must exist. */
const ALERT_VARIABLES = [
  'ALERT_WEBHOOK_URL',
  'SENDGRID_API_KEY',
  'SENDGRID_API_URL',
  'ALERT_EMAIL_TO',
  'ALERT_SMS_TO',
  'ALERT_BUDGET_MS',
] as const;

/** Full mode uses the shipped default budget; quick mode a short one. */
const BUDGET_MS = { full: 1000, quick: 300 } as const;

function missingAlertVariables(): string[] {
  const table = readFileSync(join(PROJECT_ROOT, 'src/config/variables.ts'), 'utf8');
  return ALERT_VARIABLES.filter((name) => !table.includes(`'${name}'`));
}

function unavailable(reason: string): PartResult {
  return {
    figures: [],
    targets: [notMeasured('hanging-alerts', TARGET, 'not available yet')],
    unavailable: [{ part: PART, reason }],
  };
}

/**
 * Every alert channel pointed at `endpoints` (SMS and Sync go through twilio-node, so
 * through the HTTP_PROXY the caller gives the server process). Part 6 reuses it.
 */
export function hangingChannelsEnv(
  endpoints: Readonly<Record<'webhook' | 'sendgrid', HangingEndpoint>>,
  budgetMs: number,
): Record<string, string> {
  return {
    // Fake but well-formed credentials: getTwilioClient() refuses to build a client without them.
    ACCOUNT_SID: 'AC' + 'b'.repeat(32),
    AUTH_TOKEN: 'c'.repeat(32),
    ALERT_BUDGET_MS: String(budgetMs),
    ALERT_WEBHOOK_URL: `${endpoints.webhook.baseUrl}/alert`,
    SENDGRID_API_URL: endpoints.sendgrid.baseUrl,
    SENDGRID_API_KEY: 'SG.bench-not-a-real-key',
    ALERT_EMAIL_TO: 'oncall@example.com',
    ALERT_EMAIL_FROM: 'fallback@example.com',
    ALERT_SMS_TO: '+14155550123',
    ALERT_SMS_FROM: '+14155550124',
  };
}

export async function measureHangingAlerts(sizes: BenchSizes): Promise<PartResult> {
  const missing = missingAlertVariables();
  if (missing.length > 0) {
    return unavailable(`src/config/variables.ts has no ${missing.join(', ')} (alerts issue)`);
  }
  const budgetMs = BUDGET_MS[sizes.mode];
  const endpoints: Record<'webhook' | 'sendgrid' | 'twilioApi', HangingEndpoint> = {
    webhook: await startHangingEndpoint(),
    sendgrid: await startHangingEndpoint(),
    twilioApi: await startHangingEndpoint(),
  };
  try {
    const server = await startBenchServer({
      forkProcess: false,
      env: hangingChannelsEnv(endpoints, budgetMs),
      processEnv: { HTTP_PROXY: endpoints.twilioApi.baseUrl },
    });
    let outcome;
    try {
      // A new failing host per request: flood control allows one alert per error
      // code and host, so each request takes the full alert path.
      const requests = Array.from({ length: sizes.hangingAlertRequests }, (_, i) => ({
        method: 'POST' as const,
        path: '/fallback',
        body: form({ ...VOICE_FALLBACK_PARAMS, ErrorUrl: `https://app-${i}.example.com/voice` }),
      }));
      outcome = await runLoad({
        baseUrl: server.baseUrl,
        requests,
        amount: requests.length,
        connections: 1,
        maxDurationMs: requests.length * (budgetMs + 5000),
        verifyBody: looksLikeTwiml,
      });
    } finally {
      await server.close();
    }
    const reached = Object.values(endpoints).filter((e) => e.connections() > 0).length;
    if (reached === 0) {
      return unavailable(
        'the alert variables exist, but /fallback contacted no alert endpoint (alerts not wired into the fallback yet)',
      );
    }
    const failed = outcome.non2xx + outcome.errors + outcome.mismatches;
    const slowest = Math.max(...outcome.latenciesMs);
    const figures: Figure[] = [
      {
        id: 'alerts.budget',
        label: 'hanging alerts: configured ALERT_BUDGET_MS',
        value: budgetMs,
        unit: 'ms',
      },
      {
        id: 'alerts.answer.median',
        label: `hanging alerts: /fallback answer time (median of ${outcome.completed})`,
        value: roundFigure(median(outcome.latenciesMs)),
        unit: 'ms',
      },
      {
        id: 'alerts.answer.first',
        label: 'hanging alerts: /fallback answer time, first request of the instance',
        value: roundFigure(outcome.latenciesMs[0] ?? Number.NaN),
        unit: 'ms',
      },
      {
        id: 'alerts.answer.max',
        label: 'hanging alerts: /fallback answer time (slowest)',
        value: roundFigure(slowest),
        unit: 'ms',
      },
      {
        id: 'alerts.channels-reached',
        label: 'hanging alerts: endpoints contacted (webhook, SendGrid, Twilio API)',
        value: reached,
        unit: 'endpoints',
      },
      {
        id: 'alerts.failed',
        label: 'hanging alerts: answers that were not 2xx TwiML',
        value: failed,
        unit: 'requests',
      },
    ];
    return {
      figures,
      targets: [
        {
          id: 'hanging-alerts',
          target: TARGET,
          actual: `slowest ${roundFigure(slowest)} ms with a ${budgetMs} ms budget (${reached} of 3 endpoints contacted)`,
          met: failed === 0 && outcome.completed > 0 && slowest <= budgetMs + TARGET_SLACK_MS,
        },
      ],
      notes: [
        `Hanging alerts: connections per endpoint: webhook ${endpoints.webhook.connections()}, SendGrid ${endpoints.sendgrid.connections()}, Twilio API via HTTP_PROXY ${endpoints.twilioApi.connections()}.`,
      ],
    };
  } finally {
    await Promise.all(Object.values(endpoints).map((e) => e.close()));
  }
}
