/** `npm run audit -- --help`: which numbers would fail silently, and fix them. */
import { processIo } from './cli/cli-io';
import { runAuditCli } from './audit/cli';

const io = processIo();
// A progress line only on a terminal: CI logs and pipes get the result alone.
const progress = process.stderr.isTTY
  ? (line: string) => process.stderr.write(`\r\x1b[2K${line}`)
  : undefined;

void runAuditCli(process.argv.slice(2), { ...io, ...(progress ? { progress } : {}) }).then(
  (code) => {
    process.exitCode = code;
  },
);
