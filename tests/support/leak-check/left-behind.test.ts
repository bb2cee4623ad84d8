/**
 * The end-of-run check finds what a run left behind, and only that: temp folders and
 * processes carrying another run's marker are not this run's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTempDir, tempDirPrefixOfRun, TEST_RUN_VARIABLE } from '../temp-dir';
import { canListProcesses, leftProcesses, leftTempDirs } from './left-behind';

/** A run id no real run has (a real one is a jest pid). */
const RUN = `probe${process.pid}`;

describe('leftTempDirs', () => {
  it("finds this run's folders and none of another run's", () => {
    const parent = makeTempDir('left-behind');
    const ours = join(parent, `${tempDirPrefixOfRun(RUN)}a`);
    const theirs = join(parent, `${tempDirPrefixOfRun(`${RUN}9`)}a`);
    mkdirSync(ours);
    mkdirSync(theirs);
    expect(leftTempDirs(RUN, parent)).toEqual([ours]);
    rmSync(ours, { recursive: true });
    expect(leftTempDirs(RUN, parent)).toEqual([]);
  });

  it('makeTempDir names folders after the current run', () => {
    const dir = makeTempDir('named');
    expect(dir.startsWith(join(tmpdir(), tempDirPrefixOfRun()))).toBe(true);
  });
});

(canListProcesses() ? describe : describe.skip)('leftProcesses', () => {
  it("finds a running process with this run's marker, and the port it listens on", async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))",
      ],
      { env: { ...process.env, [TEST_RUN_VARIABLE]: RUN }, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const port = await new Promise<string>((resolve) =>
        child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
      );
      const found = leftProcesses(RUN);
      expect(found).toEqual([
        expect.objectContaining({ pid: child.pid, listening: [`127.0.0.1:${port}`] }),
      ]);
      expect(leftProcesses(`${RUN}9`)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(leftProcesses(RUN)).toEqual([]);
  });
});
