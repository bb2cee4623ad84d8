import { Command } from 'commander';
import { runCommand } from '../cli/run-command';
import { buildAuditRequest, DEFAULT_FIX_CONCURRENCY, type RawAuditOptions } from './audit-request';
import { MAX_PAGE_SIZE } from './read-account';
import { runAudit, type AuditIo } from './run-audit';
import {
  AUDIT_MEASURE_CONCURRENCY,
  AUDIT_MEASURE_SAMPLES,
  AUDIT_TOTAL_BUDGET_MS,
} from './tune-primaries';

const HELP_AFTER = `
Verdicts (one per number and channel, for whatever actually answers it: the number,
its TwiML App, its Messaging Service, or a SIP trunk):
  protected        a fallback on another host than the primary, or this project's
                   /fallback, /error.xml for calls or /error-sms.xml for messages
  no-fallback      a primary and no fallback: Twilio's stock error when it breaks
  same-host        the fallback is on the primary's host: one outage takes both
  wrong-document   the fallback is this project's document for the other channel:
                   /error-sms.xml on calls, /error.xml on messages
  no-primary       nothing answers (not counted as a failure: nothing to protect)
  trunk            a SIP trunk takes the calls (reported only)
  cross-account    (--subaccounts) the fallback is a protected Function of another
                   account of the tree: refused at Twilio's gateway, it never runs
  fallback-broken  (--probe) the fallback did not answer valid TwiML

--fix sets only fallback URLs and methods, on the resource that answers (a shared
TwiML App or Messaging Service once), never a primary. Without --yes it is a dry run.
With --fast-failover auto it also measures each distinct primary of what it fixes
(${AUDIT_MEASURE_SAMPLES} signed, probe-marked requests by default, ${AUDIT_MEASURE_CONCURRENCY} primaries at a time, ${AUDIT_TOTAL_BUDGET_MS / 1000} s in all)
and writes configure's tuned #ct/rt/tt on that primary URL in the same update; a primary
it cannot tune safely is left as it is, with the reason. The dry run measures too.
With --subaccounts each account's primaries are signed with that account's own token
(as Twilio signs its numbers' webhooks); the ${AUDIT_TOTAL_BUDGET_MS / 1000} s budget is for the whole tree.

Credentials: ACCOUNT_SID/AUTH_TOKEN or TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN (environment
or .env). TWILIO_API_BASE_URL points the tool at a stand-in (npm run sandbox).
Exit codes: 0 everything protected (or fixed), 1 something is not (or a fix failed),
2 usage error, 3 API or credential error.

Examples:
  npm run audit
  npm run audit -- --json > audit.json
  npm run audit -- --fix --domain my-service-1234-dev.twil.io          (dry run)
  npm run audit -- --fix --domain my-service-1234-dev.twil.io --yes
  npm run audit -- --fix --domain my-service-1234-dev.twil.io --fast-failover auto --yes
  npm run audit -- --subaccounts --fix --static-fallback --domain my-service-1234-dev.twil.io
  npm run audit -- --subaccounts --fix --domain my-service-1234-dev.twil.io --fast-failover auto
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
    .option(
      '--fast-failover <auto>',
      'with --fix: measure each fixed primary and write tuned connection overrides on it',
    )
    .option(
      '--samples <n>',
      `with --fast-failover auto: requests per distinct primary (default ${AUDIT_MEASURE_SAMPLES})`,
    )
    .option(
      '--subaccounts',
      'audit every active account of the tree (the parent and its subaccounts)',
    )
    .option(
      '--service-name <name>',
      'with --subaccounts --fix: the Service npm run deploy creates (default: the package name)',
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
