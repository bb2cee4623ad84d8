/** The README's Performance figures are exactly the latest committed bench run. */
import { readFileSync } from 'node:fs';
import type { BenchResults } from '../../bench/bench-results';
import {
  currentReadmeBlock,
  README_PATH,
  readmeResultsBlock,
  RESULTS_PATH,
} from '../../bench/update-readme';

it('shows bench/results.json as `npm run bench:readme` renders it', () => {
  const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;
  expect(results.mode).toBe('full');
  expect(currentReadmeBlock(readFileSync(README_PATH, 'utf8'))).toBe(readmeResultsBlock(results));
});
