import { describeApiError } from './describe-api-error';
import type { TwilioClient } from './create-client';
import { describeTarget, type NumberTarget } from './number-target';
import { snapshotOf, type NumberSnapshot } from './number-snapshot';
import { ToolError } from '../cli/tool-error';

/**
 * The `PhoneNumber` filter of the list call also matches partial numbers, so the
 * answer is checked for an exact match: a near miss must never be the number updated.
 * A page of 20 leaves room for the exact match to be among several partial ones.
 */
const LOOKUP_PAGE = 20;

export async function lookupNumber(
  client: TwilioClient,
  target: NumberTarget,
): Promise<NumberSnapshot> {
  const label = describeTarget(target);
  const doing = `looking up ${label}`;
  if (target.kind === 'sid') {
    try {
      return snapshotOf(await client.incomingPhoneNumbers(target.sid).fetch());
    } catch (error) {
      if (httpStatusOf(error) === 404)
        throw new ToolError(`no phone number ${label} on this account`);
      throw new ToolError(describeApiError(error, doing));
    }
  }
  let found;
  try {
    found = await client.incomingPhoneNumbers.list({
      phoneNumber: target.phoneNumber,
      limit: LOOKUP_PAGE,
    });
  } catch (error) {
    throw new ToolError(describeApiError(error, doing));
  }
  const exact = found.find((number) => number.phoneNumber === target.phoneNumber);
  if (!exact) throw new ToolError(`no phone number ${label} on this account`);
  return snapshotOf(exact);
}

export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
