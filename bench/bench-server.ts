/**
 * Starts the built Functions, the bare baseline Function and the static asset on one
 * real twilio-run dev server (127.0.0.1, ephemeral port), in a child process.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../tests/support/dev-server';

/** What the child process is told, as JSON in BENCH_SERVER_OPTIONS. */
export interface ServerProcessOptions {
  /** Environment the Functions see as `context`. */
  readonly env: Record<string, string>;
  readonly functionsFolders: readonly string[];
  /**
   * false: every Function runs in the server process, loaded once (closer to a
   * deployed warm instance). true: a process forked per request, the default of
   * `twilio-run start`, which dominates latency.
   */
  readonly forkProcess: boolean;
}

/** What the child process answers over IPC once it listens. */
export interface ServerProcessReady {
  readonly port: number;
}

export interface BenchServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Served side by side: the deployed Functions and the benchmark's baseline. */
export const BENCH_FUNCTION_FOLDERS = ['dist/functions', 'dist/bench-functions'] as const;

const START_TIMEOUT_MS = 20000;

export function startBenchServer(options: {
  env?: Record<string, string>;
  forkProcess: boolean;
  /** Extra environment of the server process itself (not the Functions' context). */
  processEnv?: Record<string, string>;
  /** Extra Node.js flags for the server process (`--cpu-prof`: bench/profile-fallback.ts). */
  nodeFlags?: readonly string[];
}): Promise<BenchServer> {
  const processOptions: ServerProcessOptions = {
    env: options.env ?? {},
    functionsFolders: BENCH_FUNCTION_FOLDERS,
    forkProcess: options.forkProcess,
  };
  const child = fork(join(__dirname, 'server-process.ts'), [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: {
      ...process.env,
      ...options.processEnv,
      BENCH_SERVER_OPTIONS: JSON.stringify(processOptions),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench server did not start within ${START_TIMEOUT_MS} ms: ${stderrTail}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited (code ${code}) before listening: ${stderrTail}`));
    });
    child.once('message', (message: ServerProcessReady) => {
      clearTimeout(timer);
      resolveStart({
        baseUrl: `http://127.0.0.1:${message.port}`,
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
