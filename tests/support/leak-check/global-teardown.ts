/**
 * jest globalTeardown: fails the run when it left a temp folder or a running process
 * (a server, a forked Function) behind, and names each. What it finds is removed or
 * ended first, so one failed run does not leave the machine littered.
 */
import { rmSync } from 'node:fs';
import { TEST_RUN_VARIABLE } from '../temp-dir';
import { leftProcesses, leftTempDirs, type LeftProcess } from './left-behind';

/** jest-worker's children end just before the global teardown; give them a moment. */
const WORKER_EXIT_GRACE_MS = 2000;

function describeProcess(left: LeftProcess): string {
  const ports = left.listening.length > 0 ? `, listening on ${left.listening.join(', ')}` : '';
  return `process ${left.pid} (${left.command})${ports}`;
}

async function settledProcesses(run: string): Promise<LeftProcess[]> {
  const deadline = Date.now() + WORKER_EXIT_GRACE_MS;
  let left = leftProcesses(run, [process.pid]);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = leftProcesses(run, [process.pid]);
  }
  return left;
}

export default async function checkNothingLeftBehind(): Promise<void> {
  const run = process.env[TEST_RUN_VARIABLE];
  if (run === undefined) return;
  const dirs = leftTempDirs(run);
  const processes = await settledProcesses(run);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const left of processes) {
    try {
      process.kill(left.pid, 'SIGKILL');
    } catch {
      // ended meanwhile
    }
  }
  const found = [...dirs.map((dir) => `temp folder ${dir}`), ...processes.map(describeProcess)];
  if (found.length > 0) {
    const error = new Error(
      `the tests left ${found.length} thing(s) behind (removed now; fix the test that made them):\n` +
        found.map((line) => `  - ${line}`).join('\n'),
    );
    error.stack = error.message; // where the check ran says nothing about the leak
    throw error;
  }
}
