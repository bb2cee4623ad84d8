/**
 * `npm run bench -- --quick` end to end: the real entry point, spawned through tsx,
 * writing to a temporary path. Proves the harness works; the figures themselves are
 * not compared with thresholds (quick mode is noisy by design), only checked to be
 * real measurements: finite numbers, each with a unit.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from '../../bench/bench-results';
import { PROJECT_ROOT } from '../support/dev-server';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runBenchCli(
  args: readonly string[],
  timeoutMs: number,
  script = 'bench/run.ts',
): Promise<Spawned> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), script, ...args],
      { cwd: PROJECT_ROOT, timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

/** Figures every quick run has: parts 1, 3 and 5 need nothing beyond the core. */
const ALWAYS_MEASURED = [
  'latency.asset.median',
  'latency.bare.median',
  'latency.logged.median',
  'latency.fallback.median',
  'latency.fallback.p99',
  'latency.control.median',
  'throughput.fallback',
  'cold.fallback.protected.size',
  'cold.fallback.protected.load-and-first-answer',
  'cold.fallback.protected.twilio-modules-at-load',
  'cold.bare.load-and-first-answer',
  'load.errors',
  'load.p99',
  'audit.wall',
  'audit.requests',
  'audit.peak-rss',
  'tree.wall',
  'tree.requests-per-account',
  'tree.peak-rss',
  'tuned.fixed.wait',
  'tuned.default.worst-case',
  ...['p99-200ms', 'p99-1s', 'p99-2500ms'].flatMap((primary) => [
    `tuned.${primary}.measured-p99`,
    `tuned.${primary}.rt`,
    `tuned.${primary}.wait`,
    `tuned.${primary}.false-failovers.tuned`,
    `tuned.${primary}.false-failovers.fixed`,
    `tuned.${primary}.false-failovers.default`,
  ]),
];

const TARGET_IDS = [
  'fallback-over-asset',
  'fallback-over-bare',
  'hanging-alerts',
  'bundle.events.protected',
  'bundle.fallback.protected',
  'bundle.primary.protected',
  'fast-failover',
  'load-errors',
  'audit-list-pages-only',
  'tree-list-pages-only',
  'alert-mode-events',
  'events-within-sink-timeout',
  'tuned-failover-no-false-failovers',
  'tuned-failover-fast-primary-wait',
];

describe('npm run bench -- --quick', () => {
  let dir: string;
  let output: string;
  let run: Spawned;
  let results: BenchResults;

  beforeAll(async () => {
    dir = makeTempDir('bench-quick');
    output = join(dir, 'results.json');
    run = await runBenchCli(['--quick', '--output', output], 50000);
    if (run.code === 0) results = JSON.parse(readFileSync(output, 'utf8')) as BenchResults;
  }, 60000);
  afterAll(() => removeTempDir(dir));

  it('exits 0, prints the table and writes the results file', () => {
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(run.stdout).toMatch(/^\| target +\| measured +\| verdict +\|$/m);
    expect(run.stdout).toContain(`wrote `);
  });

  it('describes the run', () => {
    expect(results.mode).toBe('quick');
    expect(new Date(results.generatedAt).toISOString()).toBe(results.generatedAt);
    expect(results.node).toBe(process.version);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.memoryGb).toBeGreaterThan(0);
    expect(results.command).toBe('npm run bench -- --quick');
  });

  it('gives every figure and ratio a finite value and a unit, under a unique id', () => {
    const all = [...results.figures, ...results.ratios];
    expect(all.length).toBeGreaterThan(ALWAYS_MEASURED.length);
    for (const figure of all) {
      expect(figure).toEqual({
        ...figure,
        id: expect.stringMatching(/^[a-z0-9.-]+$/),
        label: expect.stringMatching(/\S/),
        unit: expect.stringMatching(/\S/),
      });
      expect({ id: figure.id, finite: Number.isFinite(figure.value) }).toEqual({
        id: figure.id,
        finite: true,
      });
    }
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
  });

  it('measures the parts that need only the core', () => {
    const ids = results.figures.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(ALWAYS_MEASURED));
  });

  it('names both baselines and divides by measured figures', () => {
    const ids = new Set(results.figures.map((f) => f.id));
    expect(results.baselines.map((b) => b.path)).toEqual([
      '/error.xml',
      '/bare',
      '/bare-logged',
      '/bare',
    ]);
    for (const baseline of results.baselines) {
      expect(baseline.figures.length).toBeGreaterThan(0);
      for (const id of baseline.figures) expect(ids).toContain(id);
    }
    expect(results.ratios.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'ratio.fallback-over-asset.median',
        'ratio.fallback-over-bare.median',
        'ratio.fallback-over-logged.median',
        'ratio.logged-over-bare.median',
        'ratio.control-over-bare.median',
      ]),
    );
    for (const ratio of results.ratios) {
      expect(ids).toContain(ratio.numerator);
      expect(ids).toContain(ratio.denominator);
    }
  });

  it('reports every target, judged or said why not', () => {
    expect(results.targets.map((t) => t.id).sort()).toEqual([...TARGET_IDS].sort());
    for (const target of results.targets) {
      expect([true, false, null]).toContain(target.met);
      expect(target.actual).toMatch(/\S/);
    }
    for (const part of results.unavailable) expect(part.reason).toMatch(/\S/);
  });
});

describe('npm run bench -- --latency-only --quick', () => {
  it('runs part 1 alone, prints it and leaves bench/results.json as it was', async () => {
    const resultsFile = join(PROJECT_ROOT, 'bench', 'results.json');
    const before = readFileSync(resultsFile);
    const run = await runBenchCli(['--latency-only', '--quick'], 40000);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const targetRows = run.stdout
      .split('\n')
      .filter((line) => / (met|MISSED) +\|$/.test(line))
      .map((line) => line.split('|')[1]?.trim());
    expect(targetRows).toEqual([
      'fallback / asset median latency ≤ 1.3',
      'fallback / bare Function median latency ≤ 1.1',
    ]);
    expect(run.stdout).toMatch(/^quick run, /m);
    expect(run.stdout).not.toContain('wrote ');
    expect(readFileSync(resultsFile).equals(before)).toBe(true);
  }, 45000);
});

describe('bench usage errors', () => {
  const resultsFile = join(PROJECT_ROOT, 'bench', 'results.json');

  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['--output', 'results.txt'], "'--output <file>' argument 'results.txt'"],
    [['--output'], "'--output <file>' argument missing"],
    [['--latency-only', '--output', 'bench/results.json'], 'it holds whole runs only'],
  ])('exits 2 for %j, naming it, without writing anything', async (args, named) => {
    const before = readFileSync(resultsFile);
    const run = await runBenchCli(args, 20000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(existsSync(join(PROJECT_ROOT, 'results.txt'))).toBe(false);
    expect(readFileSync(resultsFile).equals(before)).toBe(true);
  });
});

describe('npm run bench:docs usage errors', () => {
  it.each([[['--quick']], [['docs/benchmarks.md']]])(
    'exits 2 for %j, naming it, and leaves docs/benchmarks.md as it was',
    async (args) => {
      const page = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
      const before = readFileSync(page);
      const run = await runBenchCli(args, 20000, 'bench/update-docs.ts');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`unexpected argument '${args[0]}'`);
      expect(run.stderr).toContain('usage: npm run bench:docs');
      expect(readFileSync(page).equals(before)).toBe(true);
    },
  );
});
