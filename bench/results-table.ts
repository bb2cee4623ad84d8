/**
 * Renders results as Markdown tables: the CLI prints them and docs/benchmarks.md
 * holds the same text, so the two never differ in form.
 */
import type { BenchResults, TargetCheck } from './bench-results';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function verdict(target: TargetCheck): string {
  if (target.met === null) return 'not measured';
  return target.met ? 'met' : 'MISSED';
}

export function renderResults(results: BenchResults): string {
  const sections = [
    `${results.mode} run, ${results.generatedAt}, Node.js ${results.node}, ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, ${results.durationSeconds} s`,
    table(
      ['target', 'measured', 'verdict'],
      results.targets.map((t) => [t.target, t.actual, verdict(t)]),
    ),
    table(
      ['ratio', 'value'],
      results.ratios.map((r) => [r.label, `${r.value} ${r.unit}`]),
    ),
    table(
      ['figure', 'value', 'unit'],
      results.figures.map((f) => [f.label, String(f.value), f.unit]),
    ),
  ];
  if (results.unavailable.length > 0) {
    sections.push(
      table(
        ['part', 'status'],
        results.unavailable.map((u) => [u.part, `not available yet: ${u.reason}`]),
      ),
    );
  }
  if (results.notes.length > 0) sections.push(results.notes.map((n) => `- ${n}`).join('\n'));
  return sections.join('\n\n');
}
