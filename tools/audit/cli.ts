import { Command } from 'commander';
import { runCommand } from '../cli/run-command';
import { buildAuditRequest, DEFAULT_FIX_CONCURRENCY, type RawAuditOptions } from './audit-request';
import { MAX_PAGE_SIZE } from './read-account';
import { runAudit, type AuditIo } from './run-audit';

const HELP_AFTER = `
Verdicts (one per number and channel, for whatever actually answers it: the number,
its TwiML App, its Messaging Service, or a SIP trunk):
  protected        a fallback on another host than the primary, or this project's
                   /fallback, /error.xml or /error-sms.xml
  no-fallback      a primary and no fallback: Twilio's stock error when it breaks
  same-host        the fallback is on the primary's host: one outage takes both
  no-primary       nothing answers (not counted as a failure: nothing to protect)
  trunk            a SIP trunk takes the calls (reported only)
  fallback-broken  (--probe) the fallback did not answer valid TwiML

--fix sets only fallback URLs and methods, on the resource that answers (a shared
TwiML App or Messaging Service once), never a primary. Without --yes it is a dry run.

Credentials: ACCOUNT_SID/AUTH_TOKEN or TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN (environment
or .env). TWILIO_API_BASE_URL points the tool at a stand-in (npm run sandbox).
Exit codes: 0 everything protected (or fixed), 1 something is not (or a fix failed),
2 usage error, 3 API or credential error.

Examples:
  npm run audit
  npm run audit -- --json > audit.json
  npm run audit -- --fix --domain my-service-1234-dev.twil.io          (dry run)
  npm run audit -- --fix --domain my-service-1234-dev.twil.io --yes
`;

export function buildAuditProgram(): Command {
  return new Command('audit')
    .description(
      'Find every number that would leave a caller with Twilio’s stock error, and fix it.',
    )
    .option('--json', 'print the result as JSON')
    .option('--probe', 'send one signed synthetic request to each distinct fallback URL')
    .option('--fix', 'plan fallbacks for what is not protected (dry run without --yes)')
    .option('--domain <host>', 'with --fix: the deployment, e.g. my-service-1234-dev.twil.io')
    .option(
      '--static-fallback',
      'with --fix: /error.xml for calls and /error-sms.xml for messages (GET)',
    )
    .option('--yes', 'with --fix: apply the plan')
    .option(
      '--concurrency <n>',
      `with --fix: updates in flight (default ${DEFAULT_FIX_CONCURRENCY})`,
    )
    .option('--page-size <n>', `list page size (default ${MAX_PAGE_SIZE}, Twilio's largest)`)
    .addHelpText('after', HELP_AFTER);
}

export function runAuditCli(argv: readonly string[], io: AuditIo): Promise<number> {
  return runCommand<RawAuditOptions, Parameters<typeof runAudit>[0], AuditIo>(
    buildAuditProgram(),
    argv,
    io,
    buildAuditRequest,
    runAudit,
  );
}
