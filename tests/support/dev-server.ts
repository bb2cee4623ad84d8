/**
 * Starts the real twilio-run local development server (the same express app
 * `twilio-run start` serves) on 127.0.0.1 and an ephemeral port, over the BUILT
 * bundles in dist/functions and the assets folder. Run `npm run build` first
 * (`npm test` does).
 */
import { fsHelpers } from '@twilio-labs/serverless-api';
import { LocalDevelopmentServer } from '@twilio/runtime-handler/dev';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { listenOnLoopback } from '../../tools/emulator/loopback-servers';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export interface RunningDevServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface DevServerOptions {
  /** Environment the Functions see as `context` (what `.env` would hold). */
  readonly env?: Record<string, string>;
  /** Folder holding the bundled Functions, relative to the project root. */
  readonly functionsFolder?: string;
  /** Several folders of bundled Functions served side by side (overrides functionsFolder). */
  readonly functionsFolders?: readonly string[];
  /** Fork a process per request, as `twilio-run start` does by default. */
  readonly forkProcess?: boolean;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<RunningDevServer> {
  const functionsFolders = options.functionsFolders ?? [
    options.functionsFolder ?? 'dist/functions',
  ];
  for (const functionsFolder of functionsFolders) {
    if (!existsSync(join(PROJECT_ROOT, functionsFolder))) {
      throw new Error(`${functionsFolder} is missing: run \`npm run build\` first`);
    }
  }
  // getListOfFunctionsAndAssets uses only the first folder of functionsFolderNames
  // that exists, so each folder is listed on its own and the routes merged.
  const listings = await Promise.all(
    functionsFolders.map((functionsFolder) =>
      fsHelpers.getListOfFunctionsAndAssets(PROJECT_ROOT, {
        functionsFolderNames: [functionsFolder],
        assetsFolderNames: ['assets'],
      }),
    ),
  );
  const routes = {
    functions: listings.flatMap((listing) => listing.functions),
    assets: listings[0]?.assets ?? [],
  };
  // The dev server takes its URL (the Functions' DOMAIN_NAME, as `twilio-run start`
  // gives them `localhost:<port>`) when it is made: listen first, then make the app, so
  // callback URLs the Functions build from DOMAIN_NAME carry the real port.
  const handler: { app?: ReturnType<LocalDevelopmentServer['getApp']> } = {};
  const { baseUrl, port, close } = await listenOnLoopback(
    createServer((req, res) => {
      if (handler.app) handler.app(req, res);
      else res.writeHead(503).end();
    }),
  );
  const devServer = new LocalDevelopmentServer(port, {
    baseDir: PROJECT_ROOT,
    env: { ...options.env },
    port,
    url: baseUrl,
    detailedLogs: false,
    live: false,
    logs: false,
    legacyMode: false,
    appName: 'twilio-run',
    forkProcess: options.forkProcess ?? true,
    routes: { functions: routes.functions, assets: routes.assets },
    enableDebugLogs: false,
  });
  handler.app = devServer.getApp();
  return { baseUrl, port, close };
}
