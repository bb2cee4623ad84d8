/**
 * The primary handler: the number's Voice URL and SMS URL.
 * HTTP edge only; every decision is in src/answers/primary-answer.ts.
 */
import type {} from '@twilio-labs/serverless-runtime-types';
import type {
  Context,
  ServerlessCallback,
  ServerlessEventObject,
} from '@twilio-labs/serverless-runtime-types/types';
import { answerPrimary } from '../src/answers/primary-answer';
import { readConfig } from '../src/config/read-config';
import { readWebhookRequest } from '../src/request/webhook-request';
import { reportConfigProblems, runSafely } from '../src/runtime/run-safely';
import { runtimeTwiml } from '../src/runtime/twiml';

export const handler = (
  context: Context,
  event: ServerlessEventObject,
  callback: ServerlessCallback,
): Promise<void> | undefined => {
  const twiml = runtimeTwiml();
  return runSafely('primary', twiml, event, callback, () => {
    const { config, problems } = readConfig(context);
    reportConfigProblems(problems);
    const answer = answerPrimary(twiml, config, readWebhookRequest(event), {
      path: context.PATH,
      domainName: context.DOMAIN_NAME,
    });
    reportConfigProblems(answer.problems);
    if (answer.type === 'twiml') return answer.twiml;
    console.warn(JSON.stringify({ event: 'failover-drill', status: answer.status }));
    const response = new Twilio.Response();
    response.setStatusCode(answer.status);
    response.appendHeader('Content-Type', 'text/plain');
    response.setBody(answer.body);
    return response;
  });
};
