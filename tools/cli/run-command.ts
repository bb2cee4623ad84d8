import { CommanderError, type Command } from 'commander';
import type { Parsed } from '../../src/config/validators';
import type { CliIo } from './cli-io';
import { EXIT, ToolError } from './tool-error';

/** Help and version exit 0; every other commander complaint is a usage error. */
export function commanderExitCode(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
      ? EXIT.ok
      : EXIT.usage;
  }
  throw error;
}

/**
 * Runs one tool the same way for every command: parse with commander, check the
 * options as a whole (usage errors exit 2, naming the option, before anything is
 * sent), then run. Expected failures print one line, never a stack trace.
 */
export async function runCommand<
  Raw extends object,
  Request,
  Io extends Pick<CliIo, 'stdout' | 'stderr'> = CliIo,
>(
  program: Command,
  argv: readonly string[],
  io: Io,
  buildRequest: (raw: Raw) => Parsed<Request>,
  run: (request: Request, io: Io) => Promise<number>,
): Promise<number> {
  program.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    return commanderExitCode(error);
  }
  const request = buildRequest(program.opts<Raw>());
  if (!request.ok) {
    io.stderr(`error: ${request.reason}`);
    return EXIT.usage;
  }
  try {
    return await run(request.value, io);
  } catch (error) {
    if (error instanceof ToolError) {
      io.stderr(`error: ${error.message}`);
      return error.exitCode;
    }
    io.stderr(
      `error: unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.failed;
  }
}
