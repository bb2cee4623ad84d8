/** `npm run audit -- --help`: which numbers would fail silently, and fix them. */
import { processIo } from './cli/cli-io';
import { runAuditCli } from './audit/cli';
import { endProcess } from './cli/end-process';

const io = processIo();
// `npm run audit -- --json | head`: the reader left; stop quietly instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// A progress line only on a terminal: CI logs and pipes get the result alone.
const progress = process.stderr.isTTY
  ? (line: string) => process.stderr.write(`\r\x1b[2K${line}`)
  : undefined;

void runAuditCli(process.argv.slice(2), { ...io, ...(progress ? { progress } : {}) }).then(
  endProcess,
);
