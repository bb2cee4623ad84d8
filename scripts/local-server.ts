/**
 * `npm start` and `npm run dev`: twilio-run's own local development server (the
 * same `createLocalDevelopmentServer` that `twilio-run start` serves, reading
 * .twilioserverlessrc and `.env` the same way), with what `twilio-run start`
 * cannot be told:
 *
 * - One process, every Function loaded once (`forkProcess: false, live: false`),
 *   like a warm deployed instance: module-scope state such as flood control's
 *   memory survives between requests, and answers take milliseconds instead of
 *   the ~0.5 s `twilio-run start` spends forking and reloading per request.
 * - It listens on 127.0.0.1 unless `--host` says otherwise. twilio-run listens on
 *   every interface (`app.listen(port)` in twilio-run 5.0.1's commands/start.js)
 *   while checking no `X-Twilio-Signature`: with alert credentials in `.env`,
 *   anyone on the network could make it send SMS and e-mail.
 * - A busy port or a bad `--port` ends the run with one line and a non-zero exit
 *   code. twilio-run asks for another port at an interactive prompt (which waits
 *   for ever with no terminal) and prints its whole help for a bad value.
 *
 * `--watch` (`npm run dev`) is the editing mode: esbuild rebuilds the bundles on
 * every change of functions/ or src/ and the server reloads each Function per
 * request (twilio-run's live mode), so nothing survives a request there.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { context as esbuildContext, type BuildContext } from 'esbuild';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { getConfigFromCli, type StartCliFlags } from 'twilio-run/dist/config/start';
import { printRouteInfo } from 'twilio-run/dist/printers/start';
import { createLocalDevelopmentServer } from 'twilio-run/dist/runtime/server';
import { parseIntegerInRange } from '../src/config/validators';
import { EXIT } from '../tools/cli/tool-error';
import { bundleOptions, DEPLOYED_FUNCTIONS, PROJECT_ROOT } from './function-bundles';

/** Loopback only: the local server checks no signatures (see above). */
export const DEFAULT_HOST = '127.0.0.1';

/** 0 asks the system for any free port (tests use it); the URL printed says which. */
const parsePort = parseIntegerInRange(0, 65535);

/** Long enough to recognise a value, short enough for one line. */
const ECHO_LIMIT = 40;

interface LocalServerOptions {
  readonly port?: string;
  readonly host?: string;
  readonly env?: string;
  readonly watch: boolean;
}

/** An expected failure: printed as one line, never a stack trace. */
class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function echo(value: string): string {
  const shown = value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}…` : value;
  return JSON.stringify(shown);
}

/** A flag given twice is a mistake to name, not a value to pick silently. */
function once(value: string, previous: string | undefined): string {
  if (previous !== undefined) {
    throw new InvalidArgumentError(`given twice (${echo(previous)}, then ${echo(value)})`);
  }
  return value;
}

function program(): Command {
  return new Command('npm start --')
    .description(
      'Serve the built Functions and assets locally, in one process with every Function ' +
        'loaded once, like a warm deployed instance. Signatures are not checked.',
    )
    .option(
      '--port <number>',
      'port to listen on; 0 picks a free one (default: .twilioserverlessrc, 3000)',
      once,
    )
    .option(
      '--host <address>',
      `address to listen on; 0.0.0.0 opens it to the network (default: ${DEFAULT_HOST})`,
      once,
    )
    .option('--env <file>', 'environment file the Functions read (default: .env)', once)
    .option('--watch', 'editing mode: rebuild on change and reload Functions per request', false)
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    });
}

function checkOptions(options: LocalServerOptions & { readonly host: string }): number | undefined {
  if (options.port !== undefined) {
    const port = parsePort(options.port);
    if (!port.ok) throw new StartError(`--port ${echo(options.port)} ${port.reason}`, EXIT.usage);
  }
  if (options.host !== 'localhost' && isIP(options.host) === 0) {
    throw new StartError(
      `--host ${echo(options.host)} is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)`,
      EXIT.usage,
    );
  }
  // twilio-run only logs a missing env file and serves without it: every setting (the
  // alert channels too) would silently fall back to its default.
  if (options.env !== undefined && !existsSync(resolve(PROJECT_ROOT, options.env))) {
    throw new StartError(
      `--env ${echo(options.env)} is not a file (looked for ${resolve(PROJECT_ROOT, options.env)})`,
      EXIT.usage,
    );
  }
  return options.port === undefined ? undefined : Number(options.port);
}

/** Listens, turning the errors a user can cause into one line each. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      const reasons: Record<string, string> = {
        EADDRINUSE: `${where} is already in use (another \`npm start\`?): stop it, or pick a free port with --port`,
        EACCES: `${where} needs privileges this user does not have: pick a port above 1023 with --port`,
        EADDRNOTAVAIL: `--host ${echo(host)} is not an address of this machine`,
      };
      reject(
        new StartError(
          reasons[error.code ?? ''] ?? `cannot listen on ${where}: ${error.message}`,
          EXIT.failed,
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

/** esbuild rebuilds the deployed bundles whenever a file they include changes. */
async function watchBundles(): Promise<BuildContext> {
  const options = bundleOptions(DEPLOYED_FUNCTIONS);
  if (!options) throw new StartError(`${DEPLOYED_FUNCTIONS.from}/ is missing`, EXIT.failed);
  const watcher = await esbuildContext({
    ...options,
    plugins: [
      {
        name: 'report-rebuilds',
        setup(build) {
          build.onEnd((result) => {
            const verdict =
              result.errors.length === 0
                ? 'rebuilt'
                : 'build failed, serving the last good bundles';
            console.log(`[watch] ${verdict}: ${DEPLOYED_FUNCTIONS.to}`);
          });
        },
      },
    ],
  });
  await watcher.rebuild();
  await watcher.watch();
  return watcher;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return isIP(host) === 6 ? `[${host}]` : host;
}

async function start(options: LocalServerOptions & { readonly host: string }): Promise<void> {
  const port = checkOptions(options);
  const watcher = options.watch ? await watchBundles() : undefined;
  if (!existsSync(join(PROJECT_ROOT, DEPLOYED_FUNCTIONS.to))) {
    throw new StartError(
      `${DEPLOYED_FUNCTIONS.to} is missing: run \`npm run build\` first (npm start does)`,
      EXIT.failed,
    );
  }
  // twilio-run's own reader: .twilioserverlessrc (`commands.start`) fills what the
  // flags leave out, and the env file is read exactly as `twilio-run start` reads it.
  const flags = {
    cwd: PROJECT_ROOT,
    ...(port === undefined ? {} : { port: String(port) }),
    ...(options.env === undefined ? {} : { env: options.env }),
  } as unknown as StartCliFlags;
  const config = await getConfigFromCli(flags);
  config.forkProcess = false;
  config.live = options.watch;
  config.logs = config.logs ?? true;

  const server = createServer();
  await listen(server, config.port, options.host);
  config.port = (server.address() as AddressInfo).port;
  // The Functions see this as context.DOMAIN_NAME (recovery builds its own URLs from it).
  config.url = `http://${urlHost(options.host)}:${config.port}`;
  // As `twilio-run start` does: the Functions see the env file in process.env too.
  process.env = config.env;
  server.on('request', await createLocalDevelopmentServer(config.port, config));

  const shutdown = () => {
    void watcher?.dispose();
    server.closeAllConnections();
    server.close(() => process.exit(EXIT.ok));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await printRouteInfo(config);
  console.log(
    options.watch
      ? `Watching functions/ and src/: Functions are rebuilt on change and reloaded per request (nothing survives a request).`
      : `One process, every Function loaded once, like a warm deployed instance. Edit with \`npm run dev\` instead.`,
  );
  if (urlHost(options.host) === 'localhost' && options.host !== 'localhost') {
    console.log(
      `warning: listening on ${options.host}: anyone who can reach this machine can call these Functions, unsigned, and make them send alerts`,
    );
  }
  console.log(`Listening on ${config.url} (signatures are not checked locally)`);
}

export async function main(argv: readonly string[]): Promise<void> {
  const command = program();
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exit(error.code === 'commander.helpDisplayed' ? EXIT.ok : EXIT.usage);
    }
    throw error;
  }
  try {
    const options = command.opts<LocalServerOptions>();
    await start({ ...options, host: options.host ?? DEFAULT_HOST });
  } catch (error) {
    const known = error instanceof StartError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${known ? message : `unexpected failure: ${message}`}\n`);
    process.exit(known ? error.exitCode : EXIT.failed);
  }
}

if (require.main === module) void main(process.argv.slice(2));
