/**
 * `npx tsx bench/profile-fallback.ts [--path /fallback] [--requests 10000] [--keep]`:
 * a CPU profile of the bench server (the same twilio-run dev server, forkProcess
 * false, as part 1 of `npm run bench`) while it answers one target at concurrency 1,
 * then where the time went: the top frames by self time, and by inclusive time the
 * frames of the bundles and of twilio's TwiML classes. Run `npm run build` first.
 * Compare `--path /bare` (the baseline) with `--path /fallback`. The profiler hooks
 * `console`, so a log line weighs more here than in `npm run bench`.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './bench-server';
import { summarizeCpuProfile, type CpuProfile, type FrameTime } from './cpu-profile-summary';
import { looksLikeTwiml, voiceFallbackPost } from './fallback-requests';
import { runLoad } from './load-generator';
import { PROJECT_ROOT } from '../tests/support/dev-server';

const WARMUP_REQUESTS = 500;
const MAX_REQUESTS = 100000;
/**
 * Frames worth reading by inclusive time: the bundles (their identifiers are minified:
 * read a frame by its column), twilio's TwiML classes, the console, the runtime's
 * route; not a module's top level (`:0:0`, load time).
 */
const INCLUSIVE_FRAMES =
  / (dist\/|twilio\/lib\/twiml\/|node:internal\/console\/|@twilio\/runtime-handler\/dist\/dev-runtime\/route\.js)|^consoleCall /;
const MODULE_TOP_LEVEL = /:0:0$/;

function requestCount(raw: string): number {
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_REQUESTS) {
    throw new InvalidArgumentError(`"${raw}" is not a whole number from 1 to ${MAX_REQUESTS}`);
  }
  return count;
}

function benchPath(raw: string): string {
  if (!/^\/[\w./-]*$/.test(raw)) throw new InvalidArgumentError(`"${raw}" is not a path`);
  return raw;
}

function table(rows: readonly FrameTime[], requests: number): string {
  return rows
    .map(
      (row) =>
        `${row.ms.toFixed(0).padStart(8)} ms ${((row.ms * 1000) / requests).toFixed(1).padStart(7)} µs/req ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.frame}`,
    )
    .join('\n');
}

/** The main thread's profile: the largest file (tsx's loader thread writes a smaller one). */
function mainThreadProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => join(dir, file));
  const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (largest === undefined) throw new Error(`no .cpuprofile was written in ${dir}`);
  return largest;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('profile-fallback')
    .description(
      'CPU profile of the bench server while it answers one target (run npm run build first).',
    )
    .option('--path <path>', 'the target: /fallback, /bare, /error.xml', benchPath, '/fallback')
    .option('--requests <n>', 'requests at concurrency 1, after a warm-up', requestCount, 10000)
    .option('--keep', 'keep the .cpuprofile (open it in Chrome DevTools) and print its path')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
  const options = program.opts<{ path: string; requests: number; keep?: boolean }>();
  const dir = mkdtempSync(join(tmpdir(), 'fallback-guard-profile-'));
  try {
    const server = await startBenchServer({
      forkProcess: false,
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    try {
      const run = (amount: number, connections: number) =>
        runLoad({
          baseUrl: server.baseUrl,
          requests: [voiceFallbackPost(options.path)],
          amount,
          connections,
          maxDurationMs: 120000,
          verifyBody: looksLikeTwiml,
        });
      await run(WARMUP_REQUESTS, 4);
      const measured = await run(options.requests, 1);
      const failed = measured.non2xx + measured.errors + measured.mismatches;
      if (failed > 0)
        throw new Error(`${options.path} failed ${failed} requests: not TwiML or not 2xx`);
    } finally {
      // The profile is written when the server process exits.
      await server.close();
    }
    const file = mainThreadProfile(dir);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const summary = summarizeCpuProfile(profile, PROJECT_ROOT);
    const requests = options.requests + WARMUP_REQUESTS;
    process.stdout.write(
      `${options.path}: ${requests} requests (warm-up included), ${summary.totalMs.toFixed(0)} ms sampled (idle included)\n\n` +
        `Top self time:\n${table(summary.self.slice(0, 20), requests)}\n\n` +
        `Inclusive time of the bundles, twilio's TwiML classes, the console, the runtime's route:\n` +
        `${table(
          summary.inclusive
            .filter((row) => INCLUSIVE_FRAMES.test(row.frame) && !MODULE_TOP_LEVEL.test(row.frame))
            .slice(0, 25),
          requests,
        )}\n`,
    );
    if (options.keep) process.stdout.write(`\nprofile kept: ${file}\n`);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
