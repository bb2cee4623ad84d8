import type {} from '@twilio-labs/serverless-runtime-types';
import type { Context } from '@twilio-labs/serverless-runtime-types/types';
import type { AlertServices, MessagesClient, SyncService } from './alert-services';

/**
 * The Functions runtime's services for alerts. Nothing is created here: the Twilio
 * client and the Sync Service are asked for only when a channel or flood control
 * needs them (`context.getTwilioClient()` throws locally without ACCOUNT_SID and
 * AUTH_TOKEN, which then reads as "Sync unavailable" or a failed SMS channel).
 *
 * The casts: @twilio-labs/serverless-runtime-types types these with its own older
 * copy of twilio; at run time they are the twilio in this project's dependencies.
 */
export function runtimeAlertServices(
  context: Context,
  syncServiceSid: string | undefined,
): AlertServices {
  return {
    twilioClient: () => context.getTwilioClient() as unknown as MessagesClient,
    syncService: () => {
      if (syncServiceSid !== undefined) {
        const client = context.getTwilioClient() as unknown as {
          sync: { v1: { services(sid: string): SyncService } };
        };
        return client.sync.v1.services(syncServiceSid);
      }
      if (typeof Runtime === 'undefined' || typeof Runtime.getSync !== 'function') {
        throw new Error('Runtime.getSync() is not available in this runtime');
      }
      // The account's default Sync Service.
      return Runtime.getSync() as unknown as SyncService;
    },
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
  };
}
