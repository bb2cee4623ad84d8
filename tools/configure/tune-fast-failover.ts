/**
 * Resolves `--fast-failover auto` inside a configure run: picks the primary URL the
 * overrides will be written on, measures it, and turns the measurement into timeouts,
 * or refuses (ToolError, nothing written) when it cannot tune safely.
 */
import { functionUrls } from '../cli/function-domain';
import { ToolError } from '../cli/tool-error';
import type { HttpMethod } from '../../src/request/http-method';
import { asMethod } from '../probe/probe-checks';
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import { formatAutoFailover } from './auto-failover';
import type { AutoFailoverRequest, ConfigureRequest } from './configure-request';
import type { FailoverTimeouts } from './fast-failover';
import { measureAndPropose } from './measure-and-propose';

export interface MeasuredPrimary {
  readonly url: string;
  readonly method: HttpMethod;
  readonly kind: 'voice' | 'sms';
}

/** The primary as it will answer after this run: yours with --keep-primary, else /primary. */
export function primaryToMeasure(
  request: ConfigureRequest,
  domain: string,
  number: NumberSnapshot,
): MeasuredPrimary | undefined {
  // Calls first: a caller's silence is what fast failover shortens.
  const kind = request.voice ? 'voice' : 'sms';
  if (!request.keepPrimary) {
    return { url: functionUrls(`https://${domain}`).primary, method: request.method, kind };
  }
  const url = kind === 'voice' ? number.voiceUrl : number.smsUrl;
  if (url === null) return undefined;
  const method = asMethod(kind === 'voice' ? number.voiceMethod : number.smsMethod);
  return { url, method, kind };
}

export async function tuneFastFailover(
  auto: AutoFailoverRequest,
  primary: MeasuredPrimary,
  authToken: string,
  print: (text: string) => void,
): Promise<FailoverTimeouts> {
  const { summary, proposal } = await measureAndPropose(
    {
      url: primary.url,
      method: primary.method,
      kind: primary.kind,
      authToken,
      samples: auto.samples,
    },
    auto.pinned,
  );
  if (!proposal.ok) {
    throw new ToolError(`--fast-failover auto: not tuned, nothing changed: ${proposal.reason}`);
  }
  print(formatAutoFailover(primary.url, summary, proposal.value));
  return proposal.value.timeouts;
}
