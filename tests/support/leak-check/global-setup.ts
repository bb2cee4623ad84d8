/**
 * jest globalSetup: names this run. Every test worker and every process a test starts
 * inherits the marker, and makeTempDir names its folders after it, so the global
 * teardown can find exactly what this run left behind.
 */
import { TEST_RUN_VARIABLE } from '../temp-dir';

export default function markTestRun(): void {
  process.env[TEST_RUN_VARIABLE] ??= String(process.pid);
}
