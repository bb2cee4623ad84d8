/**
 * Child-process entry that runs the real twilio-run dev server for the benchmark.
 *
 * The server runs in its own process so the load generator (autocannon, in the
 * parent) does not share an event loop with the Functions it measures: on a
 * 2-core machine that is the difference between measuring the Functions and
 * measuring the contention. The Functions' per-request log lines go to this
 * process's stdout, which the parent discards (the deployed runtime ships them
 * to its log service; writing them is part of the cost, reading them is not).
 */
import { startDevServer } from '../tests/support/dev-server';
import type { ServerProcessOptions, ServerProcessReady } from './bench-server';

async function main(): Promise<void> {
  const options = JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as ServerProcessOptions;
  const server = await startDevServer({
    env: options.env,
    functionsFolders: options.functionsFolders,
    forkProcess: options.forkProcess,
  });
  const ready: ServerProcessReady = { port: server.port };
  process.send?.(ready);
  // The parent ends this process; closing first lets in-flight requests finish.
  process.on('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
