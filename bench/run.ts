/**
 * `npm run bench [-- --quick] [-- --output <file>]`: measures what the fallback
 * costs against its baselines and writes bench/results.json. `npm run bench`
 * builds first; run directly (tsx bench/run.ts) it measures dist/ as it is.
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
    .option('--output <file>', 'where to write the results', outputPath, DEFAULT_OUTPUT)
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
  const options = program.opts<{ quick?: boolean; output: string }>();
  const sizes = BENCH_SIZES[options.quick ? 'quick' : 'full'];
  const results = await runBench({
    sizes,
    command: `npm run bench${options.quick ? ' -- --quick' : ''}`,
    progress: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  mkdirSync(dirname(options.output), { recursive: true });
  // Written whole or not at all: a half-written results file would mislead.
  const temporary = `${options.output}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, options.output);
  console.log(renderResults(results));
  console.log(`\nwrote ${relative(process.cwd(), options.output) || options.output}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
