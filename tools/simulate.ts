/**
 * `npm run simulate -- --url <primary> --fallback-url <fallback> [options]`, or
 * `npm run simulate -- --events-url <url>/events [options]` (a signed error-event
 * delivery for the /events Function). Thin entry: everything is in tools/emulator/
 * and tools/events/. `--help` lists the options.
 */
import { processIo } from './cli/cli-io';
import { endProcess } from './cli/end-process';
import { runSimulateCommand } from './emulator/simulate-command';
import { asksForEventsReplay, runReplayCommand } from './events/replay-command';

const argv = process.argv.slice(2);
void (
  asksForEventsReplay(argv)
    ? runReplayCommand(argv, processIo())
    : runSimulateCommand(argv, processIo())
).then(endProcess);
