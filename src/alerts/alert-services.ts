import type { Twilio } from 'twilio';
import type { ServiceContext } from 'twilio/lib/rest/sync/v1/service';

/** The part of twilio-node the SMS channel uses. */
export type MessagesClient = Pick<Twilio, 'messages'>;

/** A Sync Service as `Runtime.getSync()` or `client.sync.v1.services(sid)` return it. */
export type SyncService = Pick<ServiceContext, 'syncMaps'>;

/**
 * Everything alerts reach outside the process, injected: the Function passes the
 * runtime's (`context.getTwilioClient()`, `Runtime.getSync()`, global `fetch`);
 * tests pass twilio-node clients pointed at loopback stand-ins. Both factories are
 * called lazily, only when a channel or flood control needs them, and may throw
 * (no credentials locally): the caller treats that as a channel failure.
 */
export interface AlertServices {
  readonly twilioClient: () => MessagesClient;
  readonly syncService: () => SyncService;
  readonly fetch: typeof fetch;
  /** Wall clock, ms since the epoch: alert times and flood-control windows. */
  readonly now: () => number;
}
