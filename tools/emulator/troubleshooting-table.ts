/**
 * The README's troubleshooting table (failure mode → ErrorCode → what the caller
 * gets → what to check), rendered from FAILURE_MODES and src/errors/catalog.ts so the
 * README cannot drift from the emulator. A test compares the README with this.
 *
 *   npx tsx -e "console.log(require('./tools/emulator/troubleshooting-table').renderTroubleshootingTable())"
 */
import { errorDocsUrl, lookupTwilioError } from '../../src/errors/catalog';
import { checkFor, errorNameOf, FAILURE_MODE_NAMES, FAILURE_MODES } from './failure-modes';

const FALLBACK_ANSWERS = 'the Fallback URL’s TwiML';
const NO_FALLBACK =
  'call: Twilio’s stock “application error” message; message: nothing (no second fallback)';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

export function renderTroubleshootingTable(): string {
  const rows = FAILURE_MODE_NAMES.map((mode) => {
    const spec = FAILURE_MODES[mode];
    const code = `[${spec.code}](${errorDocsUrl(spec.code)}) ${errorNameOf(spec.code)}${spec.inferred ? ' _(inferred)_' : ''}`;
    return [`The URL ${spec.description}`, code, FALLBACK_ANSWERS, checkFor(mode)];
  });
  const functionError = lookupTwilioError(82002);
  const schema = lookupTwilioError(12200);
  rows.push(
    [
      'The URL is a Twilio Function that threw, rejected or ran past 10 s',
      `[11200](${errorDocsUrl(11200)}) ${errorNameOf(11200)} (82002 in the Debugger)`,
      FALLBACK_ANSWERS,
      functionError?.check ?? 'Open the Function’s logs in the Console.',
    ],
    [
      'A `<Redirect>` or `<Gather>`/`<Record>` action URL fails mid-call (any mode above)',
      'the code for how it failed; `ErrorUrl` is the action URL _(inferred)_',
      FALLBACK_ANSWERS,
      'The action URL, not the number’s Voice URL: relative actions resolve against the document that named them.',
    ],
    [
      'The caller’s number is `FAILOVER_DRILL_NUMBER` (the project’s `/primary` fails on purpose)',
      `[11200](${errorDocsUrl(11200)}) ${errorNameOf(11200)}`,
      FALLBACK_ANSWERS,
      'Expected during a drill; unset FAILOVER_DRILL_NUMBER when it is over.',
    ],
    [
      'The Fallback URL fails too (any mode above), or no Fallback URL is set',
      'none delivered; the Debugger shows both failures',
      NO_FALLBACK,
      'Run `npm run simulate` against the fallback itself; `/error.xml` is a fallback with no code to break.',
    ],
    [
      'The TwiML is well-formed but uses a verb or attribute Twilio does not know',
      `[12200](${errorDocsUrl(12200)}) ${schema?.name ?? 'Schema validation warning'} _(inferred)_`,
      'the primary’s TwiML, unknown parts skipped (no fallback)',
      schema?.check ?? 'Validate the TwiML against Twilio’s docs.',
    ],
  );
  const header = ['Failure mode', 'ErrorCode', 'What the caller gets', 'What to check'];
  return [header, header.map(() => '---'), ...rows]
    .map((row) => `| ${row.map(cell).join(' | ')} |`)
    .join('\n');
}
