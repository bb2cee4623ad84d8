/**
 * `npm run sandbox`: the stateful stand-in of the Twilio API, seeded with the demo
 * account, on 127.0.0.1 until Ctrl-C. Prints what to export so the tools use it.
 */
import { Command, CommanderError } from 'commander';
import { startApiStandIn, type RunningApiStandIn } from './api-stand-in';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, demoAccount } from './demo-account';
import { demoTree, PARENT_DOMAIN } from './demo-tree';

export function sandboxInstructions(baseUrl: string, tree = false): string {
  const what = tree ? 'demo parent account with 4 subaccounts' : 'demo account';
  const tryThese = tree
    ? [
        '  npm run audit -- --subaccounts',
        `  npm run audit -- --subaccounts --fix --static-fallback --domain ${PARENT_DOMAIN} --yes`,
        '  npm run audit -- --subaccounts      # exits 0',
      ]
    : [
        '  npm run audit',
        '  npm run audit -- --fix --domain guard-1234-dev.twil.io --yes',
        '  npm run audit                       # exits 0',
        '  npm run configure -- --number +14155550103 --domain guard-1234-dev.twil.io --dry-run',
        '  npm run configure -- --number +14155550101 --domain guard-1234-dev.twil.io --fast-failover --dry-run   # a Webhook Rule decides its timeouts',
      ];
  return [
    `Twilio API sandbox listening on ${baseUrl} (${what}, state kept in memory).`,
    'In another shell:',
    `  export TWILIO_API_BASE_URL=${baseUrl}`,
    `  export TWILIO_ACCOUNT_SID=${DEMO_ACCOUNT_SID}`,
    `  export TWILIO_AUTH_TOKEN=${DEMO_AUTH_TOKEN}   # a fake token the sandbox accepts`,
    ...tryThese,
    'Ctrl-C stops it (the state is lost).',
  ].join('\n');
}

/** Parses `--port`, starts the sandbox; resolves with it, or with an exit code on bad usage. */
export async function startSandbox(
  argv: readonly string[],
  write: (text: string) => void,
): Promise<RunningApiStandIn | number> {
  const program = new Command('sandbox')
    .description('A stand-in of the Twilio REST API with a demo account, on 127.0.0.1.')
    .option('--port <port>', 'port to listen on (default: any free port)')
    .option('--tree', 'seed a parent account with subaccounts (one in the cross-account trap)')
    .option(
      '--no-webhooks-api',
      'play accounts without the Webhooks configuration API (Public Beta): its Rules and Settings answer 403',
    )
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: write });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const {
    port: raw,
    tree,
    webhooksApi,
  } = program.opts<{ port?: string; tree?: boolean; webhooksApi: boolean }>();
  const port = raw === undefined ? undefined : Number(raw);
  if (port !== undefined && (!/^\d+$/.test(raw!) || port < 1 || port > 65535)) {
    write(`error: --port "${raw}" is not a port number (1-65535)\n`);
    return 2;
  }
  const accounts = tree ? demoTree() : [demoAccount()];
  for (const account of accounts) account.webhooks.enabled = webhooksApi;
  const standIn = await startApiStandIn({
    accounts,
    ...(port !== undefined ? { port } : {}),
  });
  write(`${sandboxInstructions(standIn.baseUrl, tree === true)}\n`);
  return standIn;
}
