/**
 * Temporary folders that remove themselves: each one made during a test is deleted
 * after that test, passed or failed (an afterEach registered by the test file that
 * imports this module).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the OS temp dir, named `<prefix>XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** How many folders made by `tempDir` still await removal (tests of the cleanup). */
export function pendingTempDirs(): readonly string[] {
  return [...made];
}
