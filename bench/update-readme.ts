/**
 * `npm run bench:readme`: copies the latest bench/results.json into the README's
 * Performance section (between the bench:results markers), so the figures there
 * are always the output of a run anyone can repeat. A test keeps the two equal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchResults } from './bench-results';
import { renderResults } from './results-table';

export const README_PATH = resolve(__dirname, '..', 'README.md');
export const RESULTS_PATH = resolve(__dirname, 'results.json');

// Blank lines inside the markers keep Prettier from reflowing the block.
const BLOCK = /(<!-- bench:results -->\n\n)([\s\S]*?)(\n\n<!-- \/bench:results -->)/;

/** The README's results block as `renderResults` writes it for `results`. */
export function readmeResultsBlock(results: BenchResults): string {
  const [heading, ...tables] = renderResults(results).split('\n\n');
  return [`Latest run (${heading}):`, ...tables].join('\n\n');
}

/** The text between the markers, or undefined when the README has none. */
export function currentReadmeBlock(readme: string): string | undefined {
  return BLOCK.exec(readme)?.[2];
}

export const USAGE = 'usage: npm run bench:readme (takes no arguments)';

function main(argv: readonly string[]): void {
  // It rewrites the README; an argument it does not understand must not be ignored.
  if (argv.length > 0) {
    console.error(`error: unexpected argument '${argv[0]}'\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;
  const readme = readFileSync(README_PATH, 'utf8');
  if (!BLOCK.test(readme)) throw new Error('README.md has no <!-- bench:results --> block');
  writeFileSync(
    README_PATH,
    readme.replace(
      BLOCK,
      (_all, open: string, _old, close: string) => open + readmeResultsBlock(results) + close,
    ),
  );
  console.log('README.md Performance section updated from bench/results.json');
}

if (require.main === module) main(process.argv.slice(2));
