/**
 * Starts the local server exactly as `npm start` does after its build step: the
 * command after `npm run build &&` in package.json's "start" script, through a
 * shell, in its own process group so that `stop()` ends the whole tree (npm's
 * shell, tsx and the node process it runs). Run `npm run build` first (npm test
 * does); rebuilding here would pull dist/ from under the tests running beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from './dev-server';

/** How long the server may take to print its address on a busy 2-core machine. */
const START_LIMIT_MS = 25_000;

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Everything written so far. */
  readonly output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** Ends the process group and waits for the exit; safe to call twice. */
  stop(): Promise<void>;
}

export interface RunningLocalServer extends StartedProcess {
  /** e.g. http://127.0.0.1:41234, as the server printed it */
  readonly baseUrl: string;
}

/** The command `npm start` runs once the bundles are built. */
export function npmStartCommand(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = /^npm run build && (.+)$/.exec(pkg.scripts.start ?? '');
  if (!match)
    throw new Error(`package.json "start" is not "npm run build && …": ${pkg.scripts.start}`);
  return match[1]!;
}

/** Runs the npm start command with `args` appended, as npm would (node_modules/.bin on PATH). */
export function spawnNpmStart(args: readonly string[]): StartedProcess {
  const quoted = args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('sh', ['-c', `${npmStartCommand()} ${quoted}`], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${join(PROJECT_ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'SIGKILL')),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    stop: async () => {
      try {
        // The negative pid is the process group: the shell and everything under it.
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      if (!ended) await exited;
    },
  };
}

/** Starts the server and waits for the address it prints; stops it on any failure. */
export async function startLocalServer(args: readonly string[]): Promise<RunningLocalServer> {
  const started = spawnNpmStart(args);
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no address within ${START_LIMIT_MS} ms:\n${started.output().stderr}`)),
        START_LIMIT_MS,
      );
      const look = () => {
        const found = /Listening on (http:\/\/\S+)/.exec(started.output().stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      started.child.stdout!.on('data', look);
      void started.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code}) before listening:\n${started.output().stderr}`));
      });
    });
    return { ...started, baseUrl };
  } catch (error) {
    await started.stop();
    throw error;
  }
}
