import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyProjectDir } from '../tools/configure/cli-harness';
import { tempDir } from './temp-dirs';

/** Folders made by one test, checked by the next (tests in a file run in order). */
const made: string[] = [];

describe('temporary folders are removed after the test that made them', () => {
  it('a test makes folders and writes into them', () => {
    made.push(tempDir('temp-dirs-test-'), emptyProjectDir());
    for (const dir of made) {
      writeFileSync(join(dir, '.env'), 'AUTH_TOKEN=x\n');
      expect(existsSync(dir)).toBe(true);
    }
  });

  it('the next test finds them gone', () => {
    expect(made).toHaveLength(2);
    expect(made.filter((dir) => existsSync(dir))).toEqual([]);
  });
});
