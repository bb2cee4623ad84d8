/** `npm run probe -- --help`: check the live (or local) service and the number's URLs. */
import { processIo } from './cli/cli-io';
import { endProcess } from './cli/end-process';
import { runProbeCli } from './probe/cli';

void runProbeCli(process.argv.slice(2), processIo()).then(endProcess);
