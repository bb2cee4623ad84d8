/**
 * The one way tests make temporary folders. Every folder is named
 * `fallback-guard-test-<run>-*` (the run is the jest process, see
 * tests/support/leak-check/global-setup.ts), so the end-of-run check can tell the
 * project's leftovers from other programs' temp files, and from other runs on the
 * same machine.
 *
 * Importing this module registers one `afterAll` in the importing test file that
 * removes every folder the file made, whether its tests passed or failed. Call
 * `removeTempDir` to remove one sooner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by the global setup to the jest process's id; a bare run uses its own pid. */
export const TEST_RUN_VARIABLE = 'FALLBACK_GUARD_TEST_RUN';

export const TEMP_DIR_PREFIX = 'fallback-guard-test-';

export function testRunId(): string {
  return process.env[TEST_RUN_VARIABLE] ?? String(process.pid);
}

/** The prefix of every temp folder this run's tests create. */
export function tempDirPrefixOfRun(run: string = testRunId()): string {
  return `${TEMP_DIR_PREFIX}${run}-`;
}

const made = new Set<string>();

/** A new empty folder in the system temp folder; `label` says which test made it. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${tempDirPrefixOfRun()}${label}-`));
  made.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const dir of [...made]) removeTempDir(dir);
  });
}
