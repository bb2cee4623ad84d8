import { simulate, type SimulationReport } from '../emulator/simulate';
import type { ConfigurationProblem, ProbeCheck } from './probe-checks';

/** One row of the probe's table. */
export interface ProbeResult {
  readonly name: string;
  readonly url: string | null;
  readonly method: string | null;
  readonly pass: boolean;
  /** Until the caller had TwiML (or Twilio gave up), as the emulator measured it. */
  readonly ms: number | null;
  readonly verbs: readonly string[];
  /** Why it failed, or a short note; empty when it simply passed. */
  readonly detail: string;
}

/**
 * A check passes when the URL itself answered with TwiML Twilio would execute (the
 * emulator is given no fallback, so a failure cannot be masked by one) for its channel:
 * for a call, TwiML that gives the caller something (an empty `<Response/>` hangs up at
 * once); for a message, messaging TwiML only, whatever the URL.
 */
export function judgeProbe(check: ProbeCheck, report: SimulationReport): ProbeResult {
  const base = {
    name: check.name,
    url: check.url,
    method: check.method,
    ms: report.totalMs,
    verbs: report.verbs,
  };
  if (report.callerGets !== 'primary-twiml') {
    const last = report.attempts.at(-1);
    const answered = last?.status ? `HTTP ${last.status}` : 'no answer';
    const why = [
      report.errorCode !== null
        ? `${report.errorCode}${report.errorName ? ` ${report.errorName}` : ''}`
        : null,
      last?.detail ?? answered,
    ]
      .filter((part): part is string => Boolean(part))
      .join(': ');
    return { ...base, pass: false, detail: withEmulation(check, why || report.endReason) };
  }
  if (check.requireVerbs && report.verbs.length === 0) {
    return {
      ...base,
      pass: false,
      detail: withEmulation(check, 'empty <Response/>: the caller would be hung up on'),
    };
  }
  if (check.kind === 'sms') {
    const problem = messagingProblem(check, report);
    if (problem !== undefined)
      return { ...base, pass: false, detail: withEmulation(check, problem) };
  }
  return { ...base, pass: true, detail: withEmulation(check, ...report.notes) };
}

/** The detail's parts, and how the URL was emulated when not as its fragment says. */
function withEmulation(check: ProbeCheck, ...parts: string[]): string {
  return [...parts, ...(check.emulatedAs ? [check.emulatedAs.detail] : [])].join('; ');
}

/**
 * What messaging TwiML may hold (https://www.twilio.com/docs/messaging/twiml): the
 * verbs of twilio-node's MessagingResponse (`<Message>`, `<Redirect>`) and the nouns of
 * `<Message>` (`<Body>`, `<Media>`). A voice verb such as `<Say>` is no answer to a message.
 */
const MESSAGING_ELEMENTS: ReadonlySet<string> = new Set(['Message', 'Redirect', 'Body', 'Media']);

/**
 * Why an answer to a message is not one. Any SMS check, whatever its URL path: a voice
 * document (this project's /error.xml, a third party's `<Say>`) is not messaging TwiML,
 * while an empty `<Response/>` is (a message may get no reply). A static messaging
 * fallback (`messagingDocument`) must moreover hold a document: an empty answer would
 * mean the asset is missing or truncated, even though Twilio accepts it.
 */
function messagingProblem(check: ProbeCheck, report: SimulationReport): string | undefined {
  if (check.messagingDocument && (report.twiml === null || report.twiml.trim() === '')) {
    return 'empty body: no <Response> document';
  }
  const foreign = [...new Set(report.verbs)].filter((verb) => !MESSAGING_ELEMENTS.has(verb));
  if (foreign.length > 0) {
    return `not messaging TwiML: ${foreign.map((verb) => `<${verb}>`).join(' ')} in the answer to an SMS (a message takes <Message> and <Redirect> only)`;
  }
  return undefined;
}

export function problemResult(problem: ConfigurationProblem): ProbeResult {
  return {
    name: problem.name,
    url: null,
    method: null,
    pass: false,
    ms: null,
    verbs: [],
    detail: problem.detail,
  };
}

/** Sends one check through the emulator (as Twilio would) and judges the answer. */
export async function runCheck(
  check: ProbeCheck,
  sender: { readonly to?: string; readonly authToken?: string },
): Promise<ProbeResult> {
  const report = await simulate({
    url: check.emulatedAs?.url ?? check.url,
    method: check.method,
    kind: check.kind,
    ...(sender.to !== undefined ? { to: sender.to } : {}),
    ...(sender.authToken !== undefined ? { authToken: sender.authToken } : {}),
    ...(check.extraParams ? { extraParams: { ...check.extraParams } } : {}),
  });
  return judgeProbe(check, report);
}
