/**
 * docs/audit.md's verdicts table is the audit's vocabulary: one row per verdict of
 * tools/audit/verdict.ts, in its order, and "fails the audit" says yes exactly for the
 * verdicts that exit 1 (FIXABLE_VERDICTS).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXABLE_VERDICTS, VERDICTS } from '../../tools/audit/verdict';
import { PROJECT_ROOT } from '../support/dev-server';

/** `[verdict, fails the audit]` of each row under "## Verdicts". */
function verdictRows(): [string, string][] {
  const markdown = readFileSync(join(PROJECT_ROOT, 'docs', 'audit.md'), 'utf8');
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Verdicts\n')) ?? '';
  return [...section.matchAll(/^\| `([a-z-]+)` +\|.*\| (yes|no) +\|$/gm)].map(
    ([, verdict, fails]) => [verdict ?? '', fails ?? ''],
  );
}

it('docs/audit.md has one row per verdict, in order, failing the audit exactly when fixable', () => {
  expect(verdictRows()).toEqual(
    VERDICTS.map((verdict) => [verdict, FIXABLE_VERDICTS.has(verdict) ? 'yes' : 'no']),
  );
});
