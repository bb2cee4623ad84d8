/**
 * The fallback handler: the number's Voice Fallback URL and SMS Fallback URL.
 * Twilio requests it with ErrorCode and ErrorUrl when the primary failed, and
 * again for recovery callbacks (`?recoveryStep=...`).
 * HTTP edge only: every decision is in src/answers/fallback-answer.ts; alerts are
 * sent (or abandoned) within their time budget before `callback`, because work
 * still in flight when a Function calls back is cut off.
 */
import type {} from '@twilio-labs/serverless-runtime-types';
import type {
  Context,
  ServerlessCallback,
  ServerlessEventObject,
} from '@twilio-labs/serverless-runtime-types/types';
import { runtimeAlertServices } from '../src/alerts/runtime-services';
import { sendAlert } from '../src/alerts/send-alert';
import { replyToFallbackRequest } from '../src/answers/fallback-answer';
import { readConfig } from '../src/config/read-config';
import { readFallbackRequest } from '../src/request/fallback-request';
import { reportConfigProblems, runSafely } from '../src/runtime/run-safely';
import { runtimeTwiml } from '../src/runtime/twiml';

export const handler = (
  context: Context,
  event: ServerlessEventObject,
  callback: ServerlessCallback,
): Promise<void> | undefined => {
  const twiml = runtimeTwiml();
  return runSafely('fallback', twiml, event, callback, () => {
    const { config, problems } = readConfig(context);
    reportConfigProblems(problems);
    const reply = replyToFallbackRequest(twiml, config, readFallbackRequest(event), {
      path: context.PATH,
      domainName: context.DOMAIN_NAME,
    });
    reportConfigProblems(reply.problems);
    // The record of every fallback: console.log is what Twilio keeps as Function logs, and
    // it must be written before `callback` ends the Function. Under twilio-run it is one
    // write(2) per request, the only system call this handler adds to a bare Function
    // (bench part 1 prices it against a bare Function that logs one line).
    console.log(reply.logText);
    // An alert exists only when this Function sends it (fallbackPlan: a channel on, and
    // not ALERT_MODE=events, where /events alerts and the caller waits for nothing).
    // Without one the answer goes back synchronously (runSafely says why).
    if (reply.alert === undefined) return reply.twiml;
    return sendAlert(
      reply.alert,
      config,
      runtimeAlertServices(context, config.syncServiceSid),
    ).then(() => reply.twiml);
  });
};
