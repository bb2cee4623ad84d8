/**
 * What actually answers a number on one channel (Twilio's IncomingPhoneNumber
 * resource, https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource,
 * and Messaging Service inbound settings,
 * https://www.twilio.com/docs/messaging/api/service-resource):
 * - voice: a SIP trunk (`trunkSid`) takes the call before anything else; otherwise a
 *   TwiML App (`voiceApplicationSid`) answers with its Voice URLs; otherwise the number.
 * - SMS: a Messaging Service whose pool holds the number answers with its inbound
 *   settings unless `useInboundWebhookOnNumber`; otherwise a TwiML App
 *   (`smsApplicationSid`); otherwise the number.
 */
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import type { AccountSnapshot, ServiceSnapshot } from './account-snapshot';
import { answererValues, type AnswerChannel } from '../twilio-client/answerer-fields';

export type Channel = AnswerChannel;
export type AnswererKind = 'number' | 'application' | 'messaging-service' | 'trunk';

export interface Answerer {
  readonly kind: AnswererKind;
  readonly sid: string;
  /** `TwiML App "Support" (AP…)`, for tables. */
  readonly label: string;
  readonly primaryUrl: string | null;
  readonly primaryMethod: string | null;
  readonly fallbackUrl: string | null;
  readonly fallbackMethod: string | null;
}

/** Number SID → the Messaging Service that answers its messages. */
export function serviceByNumber(snapshot: AccountSnapshot): Map<string, ServiceSnapshot> {
  const owners = new Map<string, ServiceSnapshot>();
  for (const service of snapshot.services) {
    if (service.useInboundWebhookOnNumber) continue;
    for (const sid of service.phoneNumberSids) owners.set(sid, service);
  }
  return owners;
}

export function answererOf(
  number: NumberSnapshot,
  channel: Channel,
  snapshot: AccountSnapshot,
  services: ReadonlyMap<string, ServiceSnapshot>,
): Answerer {
  const own = (prefix: Channel): Answerer => {
    return {
      kind: 'number',
      sid: number.sid,
      label: `number ${number.phoneNumber}`,
      ...answererValues(number, 'number', prefix),
    };
  };
  const application = (sid: string, prefix: Channel): Answerer => {
    const app = snapshot.applications.get(sid);
    return {
      kind: 'application',
      sid,
      label: app
        ? `TwiML App "${app.friendlyName}" (${sid})`
        : `TwiML App ${sid} (not in the account)`,
      ...answererValues(app, 'application', prefix),
    };
  };
  if (channel === 'voice') {
    if (number.trunkSid) {
      const trunk = snapshot.trunks.get(number.trunkSid);
      return {
        kind: 'trunk',
        sid: number.trunkSid,
        label: `SIP trunk ${trunk ? `"${trunk.friendlyName}" ` : ''}(${number.trunkSid})`,
        primaryUrl: null,
        primaryMethod: null,
        fallbackUrl: null,
        fallbackMethod: null,
      };
    }
    return number.voiceApplicationSid
      ? application(number.voiceApplicationSid, 'voice')
      : own('voice');
  }
  const service = services.get(number.sid);
  if (service) {
    return {
      kind: 'messaging-service',
      sid: service.sid,
      label: `Messaging Service "${service.friendlyName}" (${service.sid})`,
      ...answererValues(service, 'messaging-service', 'sms'),
    };
  }
  return number.smsApplicationSid ? application(number.smsApplicationSid, 'sms') : own('sms');
}
