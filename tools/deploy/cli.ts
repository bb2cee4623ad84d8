import { EXIT, ToolError } from '../cli/tool-error';
import { parseDeployArgs } from './deploy-request';
import { runDeploy, type DeployIo } from './run-deploy';

const HELP = `Usage: npm run deploy -- [--subaccount AC…[,AC…]] [twilio-run deploy flags]

Without --subaccount: twilio-run deploy, as before.
--subaccount: deploy the same project into each subaccount, one after another. Each
subaccount's auth token is fetched with the parent's credentials (ACCOUNT_SID/AUTH_TOKEN
or TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN) and handed to twilio-run through the
environment only. Prints each subaccount's domain. Exit 0 all deployed, 1 some not,
2 usage error, 3 credentials.`;

/** Does not parse with commander: every flag but --subaccount goes to twilio-run unchanged. */
export async function runDeployCli(argv: readonly string[], io: DeployIo): Promise<number> {
  if (argv.includes('--help') && argv.some((arg) => arg.startsWith('--subaccount'))) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  // Plain --help: this project's usage first, then twilio-run's own (its flags pass through).
  if (argv.includes('--help') || argv.includes('-h')) io.stdout(`${HELP}\n`);
  const request = parseDeployArgs(argv);
  if (!request.ok) {
    io.stderr(`error: ${request.reason}`);
    return EXIT.usage;
  }
  try {
    return await runDeploy(request.value, io);
  } catch (error) {
    if (error instanceof ToolError) {
      io.stderr(`error: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
