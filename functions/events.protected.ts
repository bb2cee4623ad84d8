/**
 * The `/events` handler: the destination of a Twilio Event Streams webhook sink
 * subscribed to `com.twilio.error-logs.error.logged` (`npm run configure -- --alerts
 * events` creates both). Each delivery is a JSON array of CloudEvents.
 *
 * HTTP edge only: reading the delivery, the signature check and the alerts are in
 * src/events/. Answers 403 to a delivery it cannot verify (nothing is alerted), and
 * 200 to everything else, bad events included: a 5xx would make Twilio retry the
 * delivery for hours (https://www.twilio.com/docs/events/webhook-quickstart).
 * Logs with console.log/console.warn only: an ERROR log line of this Function would
 * itself become an error event delivered here.
 */
import type {} from '@twilio-labs/serverless-runtime-types';
import type { Context, ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import { runtimeAlertServices } from '../src/alerts/runtime-services';
import { readConfig } from '../src/config/read-config';
import { alertOnErrorEvents } from '../src/events/error-event-alerts';
import { readSinkDelivery } from '../src/events/sink-delivery';
import { verifyDelivery, type ValidateRequestWithBody } from '../src/events/verify-delivery';
import type { RawEvent } from '../src/request/read-param';
import { reportConfigProblems } from '../src/runtime/run-safely';

type EventsContext = Context<{ AUTH_TOKEN?: string }>;

export const handler = async (
  context: EventsContext,
  event: RawEvent,
  callback: ServerlessCallback,
): Promise<void> => {
  const response = new Twilio.Response();
  response.appendHeader('Content-Type', 'application/json');
  try {
    const { config, problems } = readConfig(context);
    reportConfigProblems(problems);
    const delivery = readSinkDelivery(event);
    const verdict = verifyDelivery(
      delivery,
      { authToken: context.AUTH_TOKEN, domainName: context.DOMAIN_NAME, path: context.PATH },
      (Twilio as unknown as { validateRequestWithBody: ValidateRequestWithBody })
        .validateRequestWithBody,
    );
    if (!verdict.valid) {
      console.warn(JSON.stringify({ event: 'events-refused', reason: verdict.reason }));
      response.setStatusCode(403);
      response.setBody({ error: 'This request is not a verified Twilio Event Streams delivery.' });
      callback(null, response);
      return;
    }
    const report = await alertOnErrorEvents(
      delivery.events,
      config,
      runtimeAlertServices(context, config.syncServiceSid),
    );
    const alerts = report.alerts.map(({ floodKey, count, report: sent }) => ({
      floodKey,
      count,
      sent: sent !== 'abandoned' && sent.delivered,
    }));
    console.log(
      JSON.stringify({
        event: 'events-delivery',
        received: report.received,
        accepted: report.accepted,
        belowMinLevel: report.belowMinLevel,
        probes: report.probes,
        skipped: report.skipped,
        overflow: report.overflow,
        alerts,
      }),
    );
    response.setStatusCode(200);
    response.setBody({ received: report.received, accepted: report.accepted, alerts });
  } catch (error) {
    // A defect here is not the delivery's fault: a 5xx would only make Twilio retry it.
    console.warn(
      JSON.stringify({
        event: 'events-error',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    response.setStatusCode(200);
    response.setBody({ error: 'internal error; logged' });
  }
  callback(null, response);
};
