/**
 * A Messaging Service that holds the number in its sender pool. Unless
 * `useInboundWebhookOnNumber` is true, the service's own inbound settings decide what
 * happens to an incoming message, and the number's SMS URLs are never requested.
 */
export interface MessagingMembership {
  readonly serviceSid: string;
  readonly friendlyName: string;
  readonly useInboundWebhookOnNumber: boolean;
  /** How many numbers the service holds: a service-wide switch affects all of them. */
  readonly phoneNumberCount: number;
}
