/**
 * `npm run docs:troubleshooting`: writes the table of docs/troubleshooting.md from the
 * emulator's failure table (tools/emulator/failure-modes.ts) and the error catalog.
 * tests/tools/emulator/failure-modes.test.ts fails when the page differs from what this
 * renders, so the page, the emulator and the fault-matrix test follow one table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderTroubleshootingTable } from '../tools/emulator/troubleshooting-table';

const PAGE = resolve(__dirname, '..', 'docs', 'troubleshooting.md');
const SECTION =
  /(<!-- section:troubleshooting -->\n)([\s\S]*?)(<!-- \/section:troubleshooting -->)/;

const page = readFileSync(PAGE, 'utf8');
if (!SECTION.test(page)) {
  process.stderr.write(`${PAGE} has no <!-- section:troubleshooting --> block\n`);
  process.exit(1);
}
writeFileSync(
  PAGE,
  page.replace(SECTION, (_all, open: string, _old: string, close: string) => {
    return `${open}\n${renderTroubleshootingTable().trim()}\n\n${close}`;
  }),
);
process.stdout.write(
  'docs/troubleshooting.md table written from tools/emulator/failure-modes.ts\n',
);
