/**
 * Runs one `audit --json` in a fresh process (spawned by bench/audit-scale.ts) so its
 * peak memory is the audit's alone, not the stand-in's. Prints one JSON line:
 * wall time of the run, peak RSS, exit code, numbers audited.
 */
import { runAuditCli } from '../tools/audit/cli';

async function main(): Promise<void> {
  let output = '';
  const started = process.hrtime.bigint();
  const code = await runAuditCli(['--json'], {
    stdout: (text) => (output += text),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const numbers =
    code <= 1 ? (JSON.parse(output) as { summary: { numbers: number } }).summary.numbers : 0;
  process.stdout.write(
    `${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, code, numbers })}\n`,
  );
}

void main();
