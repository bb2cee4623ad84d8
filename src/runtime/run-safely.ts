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
 *
 * A handler that answers synchronously is called back synchronously: no promise,
 * no microtask between its answer and the runtime's response. Every outage answer
 * without an alert to send takes this path, and under twilio-run a promise hop
 * there measured as a few percent of the whole request (`npm run bench`, part 1).
 * A handler that returns a promise (an alert to send first) is awaited as before.
 */
export function runSafely(
  name: string,
  twiml: TwimlClasses,
  event: RawEvent,
  callback: ServerlessCallback,
  handle: () => unknown,
): Promise<void> | undefined {
  let payload: unknown;
  try {
    payload = handle();
  } catch (error) {
    payload = failedAnswer(name, twiml, event, error);
  }
  // A native promise only: reading `then` off an arbitrary answer could itself throw.
  if (!(payload instanceof Promise)) {
    callback(null, payload as object);
    return undefined;
  }
  return payload.then(
    (answer) => callback(null, answer as object),
    (error: unknown) => callback(null, failedAnswer(name, twiml, event, error) as object),
  );
}

/** Logs a handler's failure (message only) and gives the last-resort answer. */
function failedAnswer(name: string, twiml: TwimlClasses, event: RawEvent, error: unknown) {
  console.error(
    JSON.stringify({
      event: `${name}-error`,
      message: error instanceof Error ? error.message : String(error),
    }),
  );
  return lastResortAnswer(twiml, safeKind(event));
}

function safeKind(event: RawEvent) {
  try {
    return readWebhookRequest(event).kind;
  } catch {
    return 'voice' as const;
  }
}
