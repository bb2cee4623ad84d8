/**
 * The fallback handler: the number's Voice Fallback URL and SMS Fallback URL.
 * Twilio requests it with ErrorCode and ErrorUrl when the primary failed.
 * HTTP edge only; every decision is in src/answers/fallback-answer.ts.
 */
import type {} from '@twilio-labs/serverless-runtime-types';
import type {
  Context,
  ServerlessCallback,
  ServerlessEventObject,
} from '@twilio-labs/serverless-runtime-types/types';
import { answerFallback } from '../src/answers/fallback-answer';
import { readConfig } from '../src/config/read-config';
import { reportConfigProblems, runSafely } from '../src/runtime/run-safely';
import { runtimeTwiml } from '../src/runtime/twiml';

export const handler = (
  context: Context,
  event: ServerlessEventObject,
  callback: ServerlessCallback,
): Promise<void> => {
  const twiml = runtimeTwiml();
  return runSafely('fallback', twiml, event, callback, () => {
    const { config, problems } = readConfig(context);
    reportConfigProblems(problems);
    const answer = answerFallback(twiml, config, event);
    console.log(JSON.stringify(answer.record));
    return answer.twiml;
  });
};
