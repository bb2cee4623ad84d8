import { displayUrl } from '../cli/safe-output';
import { formatTextTable } from '../cli/text-table';
import type { ProbeResult } from './judge-probe';

export interface ProbeReport {
  readonly pass: boolean;
  readonly target: string;
  readonly results: readonly ProbeResult[];
  readonly notes: readonly string[];
}

/** URLs are shown redacted (credentials, query values): the table lands in CI logs. */
export function probeReportOf(
  target: string,
  results: readonly ProbeResult[],
  notes: readonly string[],
): ProbeReport {
  return {
    pass: results.length > 0 && results.every((result) => result.pass),
    target,
    results: results.map((result) => ({
      ...result,
      url: result.url === null ? null : displayUrl(result.url),
    })),
    notes,
  };
}

export function renderProbeReport(report: ProbeReport): string {
  const table = formatTextTable(
    ['check', 'result', 'ms', 'verbs', 'method', 'url', 'detail'],
    report.results.map((result) => [
      result.name,
      result.pass ? 'PASS' : 'FAIL',
      result.ms === null ? '-' : String(result.ms),
      result.verbs.length > 0 ? result.verbs.join(' ') : '-',
      result.method ?? '-',
      result.url ?? '-',
      result.detail,
    ]),
  );
  const failed = report.results.filter((result) => !result.pass).length;
  const verdict =
    failed === 0
      ? `All ${report.results.length} checks passed for ${report.target}.`
      : `${failed} of ${report.results.length} checks failed for ${report.target}.`;
  return [
    `Probing ${report.target}`,
    table,
    ...report.notes.map((note) => `note: ${note}`),
    verdict,
  ].join('\n');
}
