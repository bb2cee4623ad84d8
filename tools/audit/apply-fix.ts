/**
 * Applies a fix plan: one update per resource, at most `concurrency` at a time.
 * Every resource is attempted (they are independent), and each outcome is kept, so a
 * failure part-way says exactly which resources changed and which did not. HTTP 429
 * is retried by the tools' client (ToolRequestClient); anything else is reported.
 */
import type { TwilioClient } from '../twilio-client/create-client';
import { describeApiError } from '../twilio-client/describe-api-error';
import type { ResourceFix } from './plan-fix';
import { forEachBounded } from './read-account';
import { updateAnswerer } from '../twilio-client/answerer-fields';

export interface FixOutcome {
  readonly fix: ResourceFix;
  readonly changed: boolean;
  /** Why it did not change (one line), when it did not. */
  readonly error?: string;
}

function updateOf(fix: ResourceFix): Record<string, string> {
  return Object.fromEntries(fix.changes.map((change) => [change.field, change.after]));
}

export async function applyFix(
  client: TwilioClient,
  fixes: readonly ResourceFix[],
  concurrency: number,
): Promise<FixOutcome[]> {
  const outcomes = new Map<ResourceFix, FixOutcome>();
  await forEachBounded(fixes, concurrency, async (fix) => {
    try {
      await updateAnswerer(client, fix.kind, fix.sid, updateOf(fix));
      outcomes.set(fix, { fix, changed: true });
    } catch (error) {
      outcomes.set(fix, {
        fix,
        changed: false,
        error: describeApiError(error, `updating ${fix.label}`),
      });
    }
  });
  // In plan order, whatever order they finished in.
  return fixes.map((fix) => outcomes.get(fix)!);
}
