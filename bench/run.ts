/**
 * `npm run bench [-- --quick] [-- --output <file>]`: measures what the fallback
 * costs against its baselines and writes bench/results.json. `npm run bench`
 * builds first; run directly (tsx bench/run.ts) it measures dist/ as it is.
 * `--latency-only` runs part 1 alone (about 30 s) and prints it; it writes a file
 * only with `--output`, so bench/results.json always holds a whole run.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { BENCH_SIZES } from './bench-sizes';
import { renderResults } from './results-table';
import { runBench } from './run-bench';

const DEFAULT_OUTPUT = resolve(__dirname, 'results.json');

function outputPath(raw: string): string {
  if (raw.trim() === '' || !raw.endsWith('.json')) {
    throw new InvalidArgumentError(`"${raw}" is not a .json file path`);
  }
  return resolve(raw);
}

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('bench')
    .description('Benchmark /fallback against its baselines; writes a results JSON file.')
    .option('--quick', 'a few seconds, small sizes: proves the harness works, numbers are noisy')
    .option('--output <file>', 'where to write the results', outputPath)
    .option(
      '--latency-only',
      'part 1 alone (latency against the baselines), printed; written only with --output',
    )
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; a bad argument is a usage error (exit 2).
      process.exit(error.exitCode === 0 ? 0 : 2);
    }
    throw error;
  }
  const options = program.opts<{ quick?: boolean; output?: string; latencyOnly?: boolean }>();
  if (options.latencyOnly && options.output === DEFAULT_OUTPUT) {
    // bench/results.json is what docs/benchmarks.md is generated from: a whole run only.
    process.stderr.write(
      `--latency-only cannot write ${relative(process.cwd(), DEFAULT_OUTPUT)}: it holds whole runs only; pass another --output\n`,
    );
    process.exit(2);
  }
  const sizes = BENCH_SIZES[options.quick ? 'quick' : 'full'];
  const flags = [options.quick ? '--quick' : '', options.latencyOnly ? '--latency-only' : '']
    .filter((flag) => flag !== '')
    .join(' ');
  const results = await runBench({
    sizes,
    command: `npm run bench${flags === '' ? '' : ` -- ${flags}`}`,
    progress: (line) => process.stderr.write(`bench: ${line}\n`),
    ...(options.latencyOnly ? { only: 'latency' as const } : {}),
  });
  const output = options.output ?? (options.latencyOnly ? undefined : DEFAULT_OUTPUT);
  if (output === undefined) {
    console.log(renderResults(results));
    return;
  }
  mkdirSync(dirname(output), { recursive: true });
  // Written whole or not at all: a half-written results file would mislead.
  const temporary = `${output}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, output);
  console.log(renderResults(results));
  console.log(`\nwrote ${relative(process.cwd(), output) || output}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
