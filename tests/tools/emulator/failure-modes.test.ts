import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupTwilioError } from '../../../src/errors/catalog';
import {
  checkFor,
  errorNameOf,
  FAILURE_MODE_NAMES,
  FAILURE_MODES,
} from '../../../tools/emulator/failure-modes';
import { renderTroubleshootingTable } from '../../../tools/emulator/troubleshooting-table';

describe('FAILURE_MODES', () => {
  it.each(FAILURE_MODE_NAMES)('%s cites the Twilio page it rests on', (mode) => {
    const spec: { source?: string } = FAILURE_MODES[mode];
    expect(spec.source).toMatch(/^https:\/\/www\.twilio\.com\/docs\/[a-z0-9/-]+$/);
  });

  it.each(FAILURE_MODE_NAMES)('%s maps to a code that reaches the fallback', (mode) => {
    const { code } = FAILURE_MODES[mode];
    expect(lookupTwilioError(code)?.triggersFallback).toBe(true);
    expect(checkFor(mode)).toBe(lookupTwilioError(code)?.check);
    expect(errorNameOf(code)).toBe(lookupTwilioError(code)?.name);
  });

  it('marks as inferred every mapping to a code whose fallback behaviour is inferred', () => {
    for (const mode of FAILURE_MODE_NAMES) {
      const spec = FAILURE_MODES[mode];
      if (lookupTwilioError(spec.code)?.inferred)
        expect([mode, spec.inferred]).toEqual([mode, true]);
    }
  });
});

/**
 * Rows of the markdown tables in `text`, as trimmed cells. The README is kept in
 * Prettier's style (`npm run lint` checks it), which pads cells; padding is ignored.
 */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)));
}

describe('docs/troubleshooting.md', () => {
  it('holds the table rendered from FAILURE_MODES and the catalog', () => {
    const readme = readFileSync(
      join(__dirname, '..', '..', '..', 'docs', 'troubleshooting.md'),
      'utf8',
    );
    const section =
      /<!-- section:troubleshooting -->([\s\S]*?)<!-- \/section:troubleshooting -->/.exec(
        readme,
      )?.[1];
    expect(tableRows(section ?? '')).toEqual(tableRows(renderTroubleshootingTable()));
  });
});
