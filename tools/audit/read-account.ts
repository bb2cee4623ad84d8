/**
 * Reads a whole account with twilio-node, list pages only: every IncomingPhoneNumber,
 * every TwiML App, every Messaging Service (and the numbers of those that answer for
 * their numbers), and the SIP trunks when a number points at one. No request per
 * number: what the lists carry decides everything, so 10,000 numbers cost about ten
 * list requests plus one per Messaging Service.
 */
import { snapshotOf } from '../twilio-client/number-snapshot';
import type { TwilioClient } from '../twilio-client/create-client';
import {
  textOrNull,
  type AccountSnapshot,
  type ApplicationSnapshot,
  type ServiceSnapshot,
  type TrunkSnapshot,
} from './account-snapshot';

/** Twilio's largest page: the fewest requests for a big account. */
export const MAX_PAGE_SIZE = 1000;

/** Messaging Services whose numbers are listed at the same time. */
const SERVICE_CONCURRENCY = 4;

export interface ReadOptions {
  readonly pageSize: number;
  /** Called after each page with what has been read so far (for a progress line). */
  readonly progress?: (line: string) => void;
}

interface PageOf<T> {
  readonly instances: T[];
  nextPage(): Promise<PageOf<T>> | undefined;
}

/** Visits every page, following Twilio's next-page links; keeps no page after use. */
async function eachPage<T>(first: Promise<PageOf<T>>, visit: (items: T[]) => void): Promise<void> {
  let page: PageOf<T> | undefined = await first;
  while (page) {
    visit(page.instances);
    page = await page.nextPage();
  }
}

/** Runs `work` for every item, at most `limit` at a time; the first failure is thrown. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function readAccount(
  client: TwilioClient,
  options: ReadOptions,
): Promise<AccountSnapshot> {
  const { pageSize } = options;
  const say = options.progress ?? (() => undefined);

  const numbers: AccountSnapshot['numbers'][number][] = [];
  await eachPage(client.incomingPhoneNumbers.page({ pageSize }), (page) => {
    for (const number of page) numbers.push(snapshotOf(number));
    say(`reading numbers: ${numbers.length}`);
  });

  const applications = new Map<string, ApplicationSnapshot>();
  await eachPage(client.applications.page({ pageSize }), (page) => {
    for (const app of page) {
      applications.set(app.sid, {
        sid: app.sid,
        friendlyName: app.friendlyName,
        voiceUrl: textOrNull(app.voiceUrl),
        voiceMethod: textOrNull(app.voiceMethod),
        voiceFallbackUrl: textOrNull(app.voiceFallbackUrl),
        voiceFallbackMethod: textOrNull(app.voiceFallbackMethod),
        smsUrl: textOrNull(app.smsUrl),
        smsMethod: textOrNull(app.smsMethod),
        smsFallbackUrl: textOrNull(app.smsFallbackUrl),
        smsFallbackMethod: textOrNull(app.smsFallbackMethod),
      });
    }
    say(`reading TwiML Apps: ${applications.size}`);
  });

  const bare: Omit<ServiceSnapshot, 'phoneNumberSids'>[] = [];
  await eachPage(client.messaging.v1.services.page({ pageSize }), (page) => {
    for (const service of page) {
      bare.push({
        sid: service.sid,
        friendlyName: service.friendlyName,
        inboundRequestUrl: textOrNull(service.inboundRequestUrl),
        inboundMethod: textOrNull(service.inboundMethod),
        fallbackUrl: textOrNull(service.fallbackUrl),
        fallbackMethod: textOrNull(service.fallbackMethod),
        useInboundWebhookOnNumber: service.useInboundWebhookOnNumber === true,
      });
    }
    say(`reading Messaging Services: ${bare.length}`);
  });
  const pools = new Map<string, string[]>();
  let listed = 0;
  await forEachBounded(
    bare.filter((service) => !service.useInboundWebhookOnNumber),
    SERVICE_CONCURRENCY,
    async (service) => {
      const sids: string[] = [];
      await eachPage(
        client.messaging.v1.services(service.sid).phoneNumbers.page({ pageSize }),
        (page) => {
          for (const entry of page) sids.push(entry.sid);
        },
      );
      pools.set(service.sid, sids);
      say(`reading Messaging Service numbers: ${++listed} of ${bare.length} services`);
    },
  );
  const services = bare.map((service) => ({
    ...service,
    phoneNumberSids: pools.get(service.sid) ?? [],
  }));

  const trunks = new Map<string, TrunkSnapshot>();
  if (numbers.some((number) => number.trunkSid !== null)) {
    await eachPage(client.trunking.v1.trunks.page({ pageSize }), (page) => {
      for (const trunk of page)
        trunks.set(trunk.sid, { sid: trunk.sid, friendlyName: trunk.friendlyName });
    });
  }
  return { numbers, applications, services, trunks };
}
