import { describeApiError } from './describe-api-error';
import type { TwilioClient } from './create-client';
import type { MessagingMembership } from './messaging-membership';
import { ToolError } from '../cli/tool-error';

/**
 * The Messaging Services whose sender pool holds the number. A service that already
 * has `useInboundWebhookOnNumber` cannot shadow the number, so its numbers are not
 * listed; a number belongs to at most one service, so the search stops at the first.
 */
export async function lookupMessagingMemberships(
  client: TwilioClient,
  numberSid: string,
): Promise<MessagingMembership[]> {
  try {
    const services = await client.messaging.v1.services.list();
    for (const service of services) {
      if (service.useInboundWebhookOnNumber === true) continue;
      const numbers = await client.messaging.v1.services(service.sid).phoneNumbers.list();
      if (numbers.some((number) => number.sid === numberSid)) {
        return [
          {
            serviceSid: service.sid,
            friendlyName: service.friendlyName,
            useInboundWebhookOnNumber: false,
            phoneNumberCount: numbers.length,
          },
        ];
      }
    }
    return [];
  } catch (error) {
    throw new ToolError(describeApiError(error, 'checking Messaging Services for the number'));
  }
}
