/**
 * `npm run simulate -- --url <primary> --fallback-url <fallback> [options]`
 * Thin entry: everything is in tools/emulator/. `--help` lists the options.
 */
import { processIo } from './cli/cli-io';
import { endProcess } from './cli/end-process';
import { runSimulateCommand } from './emulator/simulate-command';

void runSimulateCommand(process.argv.slice(2), processIo()).then(endProcess);
