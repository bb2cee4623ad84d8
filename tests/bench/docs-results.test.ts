/** docs/benchmarks.md shows exactly the latest committed bench run. */
import { readFileSync } from 'node:fs';
import type { BenchResults } from '../../bench/bench-results';
import {
  BENCHMARKS_DOC_PATH,
  currentDocsBlock,
  docsResultsBlock,
  RESULTS_PATH,
} from '../../bench/update-docs';

it('shows bench/results.json as `npm run bench:docs` renders it', () => {
  const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;
  expect(results.mode).toBe('full');
  expect(currentDocsBlock(readFileSync(BENCHMARKS_DOC_PATH, 'utf8'))).toBe(
    docsResultsBlock(results),
  );
});
