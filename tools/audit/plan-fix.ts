/**
 * `--fix`: for every item that is not protected, the change on the resource that
 * answers it: the number's, the TwiML App's or the Messaging Service's fallback URL
 * and method, nothing else (never a primary). A resource shared by many numbers is
 * planned once, both channels in one update. `no-primary` and `trunk` items are left
 * alone with a reason. Pure: the dry run and the real run print the same plan.
 */
import { fallbackMethodFor, fallbackUrlFor, functionUrls } from '../cli/function-domain';
import type { AuditItem } from './audit-items';
import type { AnswererKind, Channel } from './answering-resource';
import { FIXABLE_VERDICTS } from './verdict';
import {
  answererFields,
  fallbackChanges,
  type FallbackFieldChange,
} from '../twilio-client/answerer-fields';

export interface FixOptions {
  readonly domain: string;
  /** Static documents (GET) instead of the /fallback Function (POST). */
  readonly staticFallback: boolean;
}

/** A fallback field in twilio-node's option name, e.g. `voiceFallbackUrl`, `fallbackUrl`. */
export type FieldChange = FallbackFieldChange;

export interface ResourceFix {
  readonly kind: Exclude<AnswererKind, 'trunk'>;
  readonly sid: string;
  readonly label: string;
  readonly channels: readonly Channel[];
  /** Numbers that this one update protects. */
  readonly numbers: number;
  /** Their SIDs: a number can be protected by two fixes (its voice and its SMS answerer). */
  readonly numberSids: readonly string[];
  readonly changes: readonly FieldChange[];
  /** Each fixed channel's primary as configured: what `--fast-failover auto` measures. */
  readonly primaries: readonly ResourcePrimary[];
}

export interface ResourcePrimary {
  readonly channel: Channel;
  /** twilio-node's option name: `voiceUrl`, `smsUrl`, `inboundRequestUrl`. */
  readonly field: string;
  readonly url: string | null;
  readonly method: string | null;
}

export interface LeftAlone {
  readonly label: string;
  readonly channel: Channel;
  readonly verdict: string;
  readonly numbers: number;
  readonly reason: string;
}

export interface FixPlan {
  readonly fixes: readonly ResourceFix[];
  readonly leftAlone: readonly LeftAlone[];
}

/** Where a protected fallback of this channel points, and with which method. */
export function fallbackFor(
  channel: Channel,
  options: FixOptions,
): { url: string; method: string } {
  const urls = functionUrls(`https://${options.domain}`);
  return {
    url: fallbackUrlFor(urls, channel, options.staticFallback),
    method: fallbackMethodFor(options.staticFallback),
  };
}

const REASONS = {
  'no-primary':
    'nothing answers: a fallback needs a primary (Twilio refuses one alone, errors 21405/21406)',
  trunk: 'a SIP trunk takes the calls: out of scope',
} as const;

export function planFix(items: readonly AuditItem[], options: FixOptions): FixPlan {
  const byResource = new Map<string, { first: AuditItem; channels: Map<Channel, AuditItem[]> }>();
  const alone = new Map<string, LeftAlone>();
  for (const item of items) {
    if (item.verdict === 'no-primary' || item.verdict === 'trunk') {
      const key = `${item.answerer.kind} ${item.answerer.sid} ${item.channel}`;
      const seen = alone.get(key);
      alone.set(key, {
        label: item.answerer.label,
        channel: item.channel,
        verdict: item.verdict,
        numbers: (seen?.numbers ?? 0) + 1,
        reason: REASONS[item.verdict],
      });
      continue;
    }
    if (!FIXABLE_VERDICTS.has(item.verdict)) continue;
    const key = `${item.answerer.kind} ${item.answerer.sid}`;
    const entry = byResource.get(key) ?? { first: item, channels: new Map() };
    entry.channels.set(item.channel, [...(entry.channels.get(item.channel) ?? []), item]);
    byResource.set(key, entry);
  }
  const fixes: ResourceFix[] = [];
  for (const { first, channels } of byResource.values()) {
    const kind = first.answerer.kind as ResourceFix['kind'];
    const changes: FieldChange[] = [];
    const primaries: ResourcePrimary[] = [];
    const numbers = new Set<string>();
    for (const [channel, group] of channels) {
      const { primaryUrl, primaryMethod } = group[0]!.answerer;
      primaries.push({
        channel,
        field: answererFields(kind, channel).primaryUrl,
        url: primaryUrl,
        method: primaryMethod,
      });
      group.forEach((item) => numbers.add(item.sid));
      changes.push(
        ...fallbackChanges(kind, channel, group[0]!.answerer, fallbackFor(channel, options)),
      );
    }
    if (changes.length === 0) continue;
    fixes.push({
      kind,
      sid: first.answerer.sid,
      label: first.answerer.label,
      channels: [...channels.keys()],
      numbers: numbers.size,
      numberSids: [...numbers],
      changes,
      primaries,
    });
  }
  return { fixes, leftAlone: [...alone.values()] };
}
