/**
 * `npm run sandbox`: the stateful stand-in of the Twilio API, seeded with the demo
 * account, on 127.0.0.1 until Ctrl-C. Prints what to export so the tools use it.
 */
import { Command, CommanderError } from 'commander';
import { startApiStandIn, type RunningApiStandIn } from './api-stand-in';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, demoAccount } from './demo-account';

export function sandboxInstructions(baseUrl: string): string {
  return [
    `Twilio API sandbox listening on ${baseUrl} (demo account, state kept in memory).`,
    'In another shell:',
    `  export TWILIO_API_BASE_URL=${baseUrl}`,
    `  export TWILIO_ACCOUNT_SID=${DEMO_ACCOUNT_SID}`,
    `  export TWILIO_AUTH_TOKEN=${DEMO_AUTH_TOKEN}   # a fake token the sandbox accepts`,
    '  npm run audit',
    '  npm run audit -- --fix --domain guard-1234-dev.twil.io --yes',
    '  npm run audit                       # exits 0',
    '  npm run configure -- --number +14155550103 --domain guard-1234-dev.twil.io --dry-run',
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
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: write });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const raw = program.opts<{ port?: string }>().port;
  const port = raw === undefined ? undefined : Number(raw);
  if (port !== undefined && (!/^\d+$/.test(raw!) || port < 1 || port > 65535)) {
    write(`error: --port "${raw}" is not a port number (1-65535)\n`);
    return 2;
  }
  const standIn = await startApiStandIn({
    accounts: [demoAccount()],
    ...(port !== undefined ? { port } : {}),
  });
  write(`${sandboxInstructions(standIn.baseUrl)}\n`);
  return standIn;
}
