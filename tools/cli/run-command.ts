import { CommanderError, type Command, type Option } from 'commander';
import type { Parsed } from '../../src/config/validators';
import type { CliIo } from './cli-io';
import { echoArgument, printable } from './safe-output';
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
  /** Long flags that may be given more than once (they collect values). */
  repeatable: readonly string[] = [],
): Promise<number> {
  // Everything printed passes through `printable`: reports quote TwiML, headers and
  // API messages that came from the network, and a terminal must not obey them.
  const safeIo: Io = {
    ...io,
    stdout: (text: string) => io.stdout(printable(text)),
    stderr: (text: string) => io.stderr(printable(text)),
  };
  program.exitOverride().configureOutput({
    writeOut: safeIo.stdout,
    writeErr: safeIo.stderr,
    // Commander quotes a rejected value whole ("argument 'https://user:pass@…' is
    // invalid"): quote it redacted and cut, like every other echoed argument.
    outputError: (text, write) =>
      write(
        text.replace(
          /argument '([\s\S]*)' is invalid/,
          (_match, value: string) => `argument '${echoArgument(value)}' is invalid`,
        ),
      ),
  });
  // Help first, wherever it stands: commander checks an option's value before it looks
  // for --help, so `--alerts --help` or `--events-url --help` would be refused as a value.
  if (argv.includes('--help') || argv.includes('-h')) {
    program.outputHelp();
    return EXIT.ok;
  }
  const misuse = misusedOption(program, argv, repeatable);
  if (misuse !== undefined) {
    safeIo.stderr(`error: ${misuse}\n(run with --help for usage)`);
    return EXIT.usage;
  }
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    return commanderExitCode(error);
  }
  const request = buildRequest(program.opts<Raw>());
  if (!request.ok) {
    safeIo.stderr(`error: ${request.reason}`);
    return EXIT.usage;
  }
  try {
    return await run(request.value, safeIo);
  } catch (error) {
    if (error instanceof ToolError) {
      safeIo.stderr(`error: ${error.message}`);
      return error.exitCode;
    }
    safeIo.stderr(
      `error: unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.failed;
  }
}

/**
 * What commander lets through, found before it parses: an option that takes one value
 * given twice, and `--x` with `--no-x` (commander keeps the last one silently).
 */
export function misusedOption(
  program: Command,
  argv: readonly string[],
  repeatable: readonly string[],
): string | undefined {
  const counts = new Map<Option, number>();
  const switches = new Map<string, Option>();
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] ?? '';
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') continue;
    const flag = token.split('=', 1)[0] ?? token;
    if (flag === '--help' || flag === '-h') return undefined;
    const option = program.options.find(
      (candidate) => candidate.long === flag || candidate.short === flag,
    );
    // Unknown options are commander's to report (it suggests the closest one).
    if (option === undefined) continue;
    if (!option.required) {
      // `--x` and `--no-x` set one value: commander keeps the last, silently. An
      // optional value (`--fast-failover [auto]`) is a switch too.
      const name = option.attributeName();
      const opposite = switches.get(name);
      if (opposite !== undefined && opposite.negate !== option.negate) {
        return `option '${opposite.long ?? ''}' and '${option.long ?? ''}' contradict each other: give one`;
      }
      switches.set(name, option);
      if (!option.optional) continue;
    }
    // An optional value is taken only when the next word is not an option (as commander does).
    const next = argv[index + 1];
    const takesNext = option.required || (next !== undefined && !next.startsWith('-'));
    if (!token.includes('=') && takesNext) index += 1;
    if (repeatable.includes(option.long ?? '')) continue;
    const count = (counts.get(option) ?? 0) + 1;
    counts.set(option, count);
    if (count === 2) return `option '${option.flags}' is given more than once: give it once`;
  }
  return undefined;
}
