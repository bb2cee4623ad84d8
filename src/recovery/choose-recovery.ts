import { hasAlertChannel, type ChannelConfig } from '../alerts/alert-channels';
import type { ConfigProblem } from '../config/read-config';
import type { AppConfig } from '../config/variables';
import type { ErrorUrl } from '../request/error-url';
import { endpointOf, ownEndpoint, type FallbackLocation } from './fallback-location';
import type { RecoveryMode } from './recovery-modes';

export interface RecoveryChoice {
  /** The mode this call gets: the configured one, or `message` when that is unsafe. */
  readonly mode: RecoveryMode;
  /** Why the configured mode was not used, for the log. */
  readonly note?: string;
  /** The configured mode cannot work at all (logged once per instance). */
  readonly problems: readonly ConfigProblem[];
}

type RecoveryConfig = Pick<
  AppConfig,
  'recoveryMode' | 'recoveryDialNumber' | 'recoveryRedirectUrl'
> &
  ChannelConfig;

/** The default mode's choice, the same for every request: one shared constant. */
const MESSAGE_AS_CONFIGURED: RecoveryChoice = Object.freeze({
  mode: 'message',
  problems: Object.freeze([]),
});

/**
 * Decides how to recover a failed call. Every doubt ends in `message`, the one
 * answer that cannot loop or fail:
 * - a mode missing its setting (dial without a number, redirect without a URL), or
 *   pointing back at itself (a redirect to the fallback, a dial to the number being
 *   called, which would land in the failing primary again) is a configuration problem;
 * - voicemail with no alert channel would record callers who are promised a call
 *   back while nobody ever hears of the recordings: a configuration problem too;
 * - a request without a numeric ErrorCode did not come from Twilio's fallback (a
 *   probe, or a `<Redirect>` back from the standby app): redirecting or dialing
 *   again could ping-pong;
 * - a failing URL that is the fallback itself (its host and path, or any URL with the
 *   `recoveryStep` flag) or the standby means the recovery has already been tried and
 *   failed: Twilio came back here with it as `ErrorUrl`.
 *
 * @param to the number being called (the request's `To`), when known.
 */
export function chooseRecovery(
  config: RecoveryConfig,
  errorCode: number | null,
  errorUrl: ErrorUrl | undefined,
  location: FallbackLocation,
  to: string | undefined,
): RecoveryChoice {
  const configured = config.recoveryMode;
  if (configured === 'message') return MESSAGE_AS_CONFIGURED;

  const self = ownEndpoint(location);
  if (configured === 'dial' && config.recoveryDialNumber === undefined) {
    return misconfigured('is dial but RECOVERY_DIAL_NUMBER is unset');
  }
  if (configured === 'dial' && to !== undefined && config.recoveryDialNumber === to) {
    return {
      mode: 'message',
      note: 'RECOVERY_DIAL_NUMBER is the number being called',
      problems: [
        {
          variable: 'RECOVERY_DIAL_NUMBER',
          reason: 'is the number being called (the dial would reach the failing primary again)',
          consequence: 'callers get FALLBACK_MESSAGE instead',
        },
      ],
    };
  }
  if (configured === 'voicemail' && !hasAlertChannel(config)) {
    return misconfigured(
      'is voicemail but no alert channel is configured (nobody would hear of the recordings)',
    );
  }
  if (configured === 'redirect') {
    if (config.recoveryRedirectUrl === undefined) {
      return misconfigured('is redirect but RECOVERY_REDIRECT_URL is unset');
    }
    if (self !== undefined && endpointOf(config.recoveryRedirectUrl) === self) {
      return misconfigured('is redirect but RECOVERY_REDIRECT_URL is this fallback (a loop)');
    }
  }

  if (errorCode === null) {
    return {
      mode: 'message',
      note: 'no ErrorCode: not a fallback request from Twilio',
      problems: [],
    };
  }
  const failing = errorUrl?.endpoint;
  if ((failing !== undefined && failing === self) || errorUrl?.carriesRecoveryStep === true) {
    return { mode: 'message', note: 'loop guard: ErrorUrl is this fallback', problems: [] };
  }
  if (
    configured === 'redirect' &&
    failing !== undefined &&
    failing === endpointOf(config.recoveryRedirectUrl)
  ) {
    return {
      mode: 'message',
      note: 'loop guard: ErrorUrl is RECOVERY_REDIRECT_URL (the standby failed too)',
      problems: [],
    };
  }
  return { mode: configured, problems: [] };
}

function misconfigured(reason: string): RecoveryChoice {
  return {
    mode: 'message',
    note: 'RECOVERY_MODE misconfigured',
    problems: [{ variable: 'RECOVERY_MODE', reason, consequence: 'callers get FALLBACK_MESSAGE' }],
  };
}
