/**
 * A `com.twilio.error-logs.error.logged` CloudEvent in the shape Twilio documents:
 * https://www.twilio.com/docs/events/event-types/errors/error-logs (the example and
 * the v2 field list: `data.sid`, `account_sid`, `date_created`, `level`,
 * `request_sid`, `service_sid`, `product_name`, `error_code` as a string, and
 * `payload` as a JSON string). The payload follows the Debugger webhook's Payload
 * (https://www.twilio.com/docs/usage/troubleshooting/debugging-event-webhooks):
 * `resource_sid`, `service_sid`, `error_code`, `more_info`, and `webhook.request`
 * with the URL Twilio requested. Used by `npm run simulate -- --events` and tests.
 */
import { randomBytes } from 'node:crypto';
import { PROBE_EVENT_EXTENSION, PROBE_MARKER_VALUE } from '../../src/request/probe-marker';

export interface SampleErrorEvent {
  readonly errorCode: string;
  readonly level?: 'INFO' | 'WARNING' | 'ERROR';
  /** The URL Twilio failed to fetch (webhook errors). */
  readonly webhookUrl?: string;
  readonly resourceSid?: string;
  readonly dateCreated?: string;
  readonly productName?: string;
}

function sid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

export function sampleErrorLogEvent(sample: SampleErrorEvent): Record<string, unknown> {
  const eventSid = sid('NO');
  const accountSid = 'AC' + '0'.repeat(32);
  const payload = {
    resource_sid: sample.resourceSid ?? sid('CA'),
    service_sid: null,
    error_code: sample.errorCode,
    more_info: { Msg: 'simulated by twilio-fallback-guard', LogLevel: sample.level ?? 'ERROR' },
    ...(sample.webhookUrl !== undefined
      ? {
          webhook: {
            type: 'application/json',
            request: { method: 'POST', url: sample.webhookUrl, headers: {}, parameters: {} },
            response: { status_code: 500, headers: {}, body: '' },
          },
        }
      : {}),
  };
  return {
    specversion: '1.0',
    type: 'com.twilio.error-logs.error.logged',
    source: '/v1/Accounts/' + accountSid,
    id: eventSid,
    dataschema: 'https://events-schemas.twilio.com/ErrorLogs.Error/2',
    datacontenttype: 'application/json',
    time: sample.dateCreated ?? new Date().toISOString(),
    data: {
      sid: eventSid,
      account_sid: accountSid,
      date_created: sample.dateCreated ?? new Date().toISOString(),
      level: sample.level ?? 'ERROR',
      master_account_sid: accountSid,
      request_sid: sid('RQ'),
      service_sid: null,
      correlation_sid: null,
      product_name: sample.productName ?? 'Programmable Voice',
      error_code: sample.errorCode,
      payload: JSON.stringify(payload),
    },
  };
}

/**
 * The event marked as this project's own (src/request/probe-marker.ts): `/events`
 * reads and logs it like Twilio's, but pages nobody and leaves flood control alone.
 */
export function markedAsProbe(event: Record<string, unknown>): Record<string, unknown> {
  return { ...event, [PROBE_EVENT_EXTENSION]: PROBE_MARKER_VALUE };
}
