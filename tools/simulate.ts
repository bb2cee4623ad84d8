/**
 * `npm run simulate -- --url <primary> --fallback-url <fallback> [options]`
 * Thin entry: everything is in tools/emulator/. `--help` lists the options.
 */
import { runSimulateCommand } from './emulator/simulate-command';

runSimulateCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `simulate failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
