import type { Alert, AlertKind } from './alert';

/** An alert as every channel sends it: the facts plus the flood-control count. */
export interface AlertMessage {
  readonly alert: Alert;
  /** Alerts for the same error code and host suppressed since the last one was sent. */
  readonly suppressed: number;
  readonly windowSeconds: number;
}

/**
 * The webhook's JSON body: every fact of the alert, the count, and `text`, which is
 * what a Slack or Microsoft Teams incoming webhook displays (both read a top-level
 * `text`); the other fields are for machines.
 */
export type AlertWebhookBody = { readonly text: string; readonly alert: AlertKind } & Omit<
  Alert,
  'kind' | 'floodKey'
> &
  Pick<AlertMessage, 'suppressed' | 'windowSeconds'>;

export function alertTitle({ alert }: AlertMessage): string {
  const error =
    alert.errorCode === null ? alert.errorName : `${alert.errorCode} ${alert.errorName}`;
  if (alert.kind === 'voicemail') return `Voicemail left during a primary failure (${error})`;
  if (alert.kind === 'error-event') {
    const where = alert.failingHost ?? alert.floodKey?.split('@')[1];
    return `Twilio logged ${error}${where ? ` at ${where}` : ''}${occurrencesText(alert)}`;
  }
  return `Fallback answered: ${error}${alert.failingHost ? ` at ${alert.failingHost}` : ''}`;
}

/** `: 500 times in 60 s` when an alert stands for more than one event. */
function occurrencesText(alert: Alert): string {
  const seen = alert.occurrences;
  if (seen === undefined || seen.count <= 1) return '';
  return `: ${seen.count} times in ${seen.seconds} s`;
}

function subjectLine(alert: Alert): string {
  if (alert.callSid) return `Call ${alert.callSid}`;
  if (alert.messageSid) return `Message ${alert.messageSid}`;
  return 'No call or message SID';
}

function parties(alert: Alert): string {
  const parts = [];
  if (alert.from) parts.push(`from ${alert.from}`);
  if (alert.to) parts.push(`to ${alert.to}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function suppressedLine(message: AlertMessage): string | undefined {
  if (message.suppressed === 0) return undefined;
  return `${message.suppressed} similar alert(s) suppressed since the last one (window ${message.windowSeconds} s).`;
}

/** Plain text, line by line: the webhook's `text` and the e-mail body. */
export function alertText(message: AlertMessage): string {
  const { alert } = message;
  const lines = [alertTitle(message), `${subjectLine(alert)}${parties(alert)} at ${alert.time}`];
  if (alert.recordingUrl) {
    const length = alert.recordingSeconds !== null ? ` (${alert.recordingSeconds} s)` : '';
    lines.push(`Recording${length}: ${alert.recordingUrl}`);
  }
  if (alert.errorUrl) lines.push(`Failing URL: ${alert.errorUrl}`);
  lines.push(alert.explanation);
  const suppressed = suppressedLine(message);
  if (suppressed) lines.push(suppressed);
  lines.push(alert.docsUrl);
  return lines.join('\n');
}

/**
 * Slack's message formatting reads `<...>` as a link or a mention (`<!channel>`,
 * `<@U123>`, `<https://evil|click here>`) and `&` as the start of an escape; Slack
 * asks senders to escape exactly these three
 * (https://api.slack.com/reference/surfaces/formatting#escaping). Applied to the
 * whole `text`, so no request-derived piece (ErrorUrl, caller ID, error text) can
 * become a link or a mention. Only the webhook's `text` is escaped: the e-mail is
 * plain text and would show `&amp;` as is.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function alertWebhookBody(message: AlertMessage): AlertWebhookBody {
  // floodKey is internal bookkeeping: left out of the body on purpose.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { kind, floodKey, ...facts } = message.alert;
  const { suppressed, windowSeconds } = message;
  return {
    text: escapeSlackText(alertText(message)),
    alert: kind,
    ...facts,
    suppressed,
    windowSeconds,
  };
}

/**
 * The title, the SID, the count, and where to look, in at most 300 characters of
 * GSM-7 text: two SMS segments (153 characters each). One character outside GSM-7
 * (`…`, `’`) would switch the whole message to UCS-2, 67 characters a segment, so
 * a cut is marked with `...`.
 */
export function alertSmsBody(message: AlertMessage): string {
  const { alert } = message;
  const parts = [alertTitle(message), `${subjectLine(alert)}.`];
  if (alert.recordingUrl) parts.push(`Recording: ${alert.recordingUrl}`);
  if (message.suppressed > 0) parts.push(`${message.suppressed} similar suppressed.`);
  if (alert.kind === 'fallback') parts.push('Details in the Function logs.');
  const text = parts.join(' ');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
