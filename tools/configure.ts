/** `npm run configure -- --help`: point a Twilio number at the deployed Functions. */
import { runConfigureCli } from './configure/cli';
import { processIo } from './cli/cli-io';
import { endProcess } from './cli/end-process';

void runConfigureCli(process.argv.slice(2), processIo()).then(endProcess);
