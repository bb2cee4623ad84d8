/** `npm run deploy [-- --subaccount AC…[,AC…]]`: twilio-run deploy, into subaccounts too. */
import { processIo } from './cli/cli-io';
import { runDeployCli } from './deploy/cli';

void runDeployCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
