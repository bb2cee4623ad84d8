/**
 * `npm run bench:docs`: copies the latest bench/results.json into docs/benchmarks.md
 * (between the bench:results markers), so the figures there are always the output
 * of a run anyone can repeat. A test (tests/bench/docs-results.test.ts) keeps the
 * two equal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchResults } from './bench-results';
import { renderResults } from './results-table';

export const BENCHMARKS_DOC_PATH = resolve(__dirname, '..', 'docs', 'benchmarks.md');
export const RESULTS_PATH = resolve(__dirname, 'results.json');

// Blank lines inside the markers keep Prettier from reflowing the block.
const BLOCK = /(<!-- bench:results -->\n\n)([\s\S]*?)(\n\n<!-- \/bench:results -->)/;

/** The results block as `renderResults` writes it for `results`. */
export function docsResultsBlock(results: BenchResults): string {
  const [heading, ...tables] = renderResults(results).split('\n\n');
  return [`Latest run (${heading}):`, ...tables].join('\n\n');
}

/** The text between the markers, or undefined when the page has none. */
export function currentDocsBlock(page: string): string | undefined {
  return BLOCK.exec(page)?.[2];
}

export const USAGE = 'usage: npm run bench:docs (takes no arguments)';

function main(argv: readonly string[]): void {
  // It rewrites a committed page; an argument it does not understand must not be ignored.
  if (argv.length > 0) {
    console.error(`error: unexpected argument '${argv[0]}'\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;
  const page = readFileSync(BENCHMARKS_DOC_PATH, 'utf8');
  if (!BLOCK.test(page)) throw new Error('docs/benchmarks.md has no <!-- bench:results --> block');
  writeFileSync(
    BENCHMARKS_DOC_PATH,
    page.replace(
      BLOCK,
      (_all, open: string, _old, close: string) => open + docsResultsBlock(results) + close,
    ),
  );
  console.log('docs/benchmarks.md updated from bench/results.json');
}

if (require.main === module) main(process.argv.slice(2));
