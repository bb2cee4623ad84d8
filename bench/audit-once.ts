import { runAuditCli } from '../tools/audit/cli';

/** One `audit --json` run as bench part 6 measures it. */
export interface AuditOnce {
  readonly ms: number;
  /** Peak resident memory of the process that ran it. */
  readonly maxRssKb: number;
  readonly code: number;
  readonly numbers: number;
}

/** Runs `audit --json` in this process with `env` (credentials and TWILIO_API_BASE_URL). */
export async function auditOnce(env: Record<string, string | undefined>): Promise<AuditOnce> {
  let output = '';
  const started = process.hrtime.bigint();
  const code = await runAuditCli(['--json'], {
    stdout: (text) => (output += text),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env,
    cwd: process.cwd(),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const numbers =
    code <= 1 ? (JSON.parse(output) as { summary: { numbers: number } }).summary.numbers : 0;
  return { ms, maxRssKb: process.resourceUsage().maxRSS, code, numbers };
}
