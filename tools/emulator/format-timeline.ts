/** The human-readable report `npm run simulate` prints: a timeline, then the outcome. */
import type { CallerGets, SimulationReport } from './simulate';
import { formatTextTable } from '../cli/text-table';
import { callerWaitLines } from './caller-wait';

const CALLER_GETS: Readonly<Record<CallerGets, string>> = {
  'primary-twiml': 'the primary’s TwiML',
  'fallback-twiml': 'the fallback’s TwiML',
  'stock-error': 'Twilio’s stock “application error” message (no valid TwiML)',
  nothing: 'nothing: no reply is sent (no valid TwiML)',
};

export function formatTimeline(report: SimulationReport): string {
  const rows = report.attempts.map((attempt, index) => [
    String(index + 1),
    String(attempt.atMs ?? ''),
    (attempt.retry ?? 0) > 0 ? `${attempt.role} (retry ${attempt.retry})` : attempt.role,
    attempt.method,
    attempt.status === null ? '-' : String(attempt.status),
    attempt.errorCode === null ? '-' : String(attempt.errorCode),
    String(attempt.ms),
    attempt.url,
    attempt.detail ?? '',
  ]);
  const lines = [
    `Simulated inbound ${report.kind === 'voice' ? 'call' : 'message'} ${report.sid}`,
    '',
    formatTextTable(
      ['#', 'at ms', 'role', 'method', 'status', 'error', 'ms', 'url', 'outcome'],
      rows,
    ),
    '',
  ];
  if (report.errorCode !== null) {
    lines.push(`ErrorCode  ${report.errorCode} ${report.errorName ?? ''}`.trimEnd());
    lines.push(`ErrorUrl   ${report.errorUrl ?? ''}`);
  } else {
    lines.push('No error: the fallback was not needed.');
  }
  const verbs = report.verbs.length > 0 ? `: ${report.verbs.join(', ')}` : '';
  lines.push(`Caller gets ${CALLER_GETS[report.callerGets]} after ${report.totalMs} ms${verbs}`);
  lines.push(...callerWaitLines(report));
  lines.push(`Ended: ${report.endReason}`);
  for (const note of report.notes) lines.push(`Note: ${note}`);
  if (report.twiml !== null && report.twiml !== '') lines.push('', report.twiml.trim());
  return lines.join('\n');
}
