import type { ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import { lastResortAnswer } from '../answers/last-resort-answer';
import type { ConfigProblem } from '../config/read-config';
import type { RawEvent } from '../request/read-param';
import { instanceState } from './instance-state';
import { readWebhookRequest } from '../request/webhook-request';
import type { TwimlClasses } from './twiml';

/**
 * Logs each configuration problem once per Function instance (a warm instance
 * serves many requests; the same warning on every call would bury real errors).
 */
export function reportConfigProblems(problems: readonly ConfigProblem[]): void {
  for (const problem of problems) {
    const key = `${problem.variable}:${problem.reason}`;
    if (instanceState.reportedProblems.has(key)) continue;
    instanceState.reportedProblems.add(key);
    console.warn(
      JSON.stringify({
        event: 'config-problem',
        variable: problem.variable,
        problem: `${problem.variable} ${problem.reason}; ${problem.consequence ?? 'using the default'}`,
      }),
    );
  }
}

/**
 * Runs a caller-facing handler so that whatever fails inside it, Twilio still gets
 * valid TwiML: a throw or a rejected promise is logged (message only, never the
 * stack or the event) and answered with the last-resort message.
 */
export async function runSafely(
  name: string,
  twiml: TwimlClasses,
  event: RawEvent,
  callback: ServerlessCallback,
  handle: () => unknown | Promise<unknown>,
): Promise<void> {
  let payload: unknown;
  try {
    payload = await handle();
  } catch (error) {
    console.error(
      JSON.stringify({
        event: `${name}-error`,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    payload = lastResortAnswer(twiml, safeKind(event));
  }
  callback(null, payload as object);
}

function safeKind(event: RawEvent) {
  try {
    return readWebhookRequest(event).kind;
  } catch {
    return 'voice' as const;
  }
}
