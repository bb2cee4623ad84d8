/**
 * Bundles load on every cold start: documentation text (src/config/variable-docs.ts)
 * must stay out of them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { variableDocs } from '../../src/config/variable-docs';
import { PROJECT_ROOT } from '../support/dev-server';

it.each(['primary.protected.js', 'fallback.protected.js', 'events.protected.js'])(
  'dist/functions/%s carries no variable documentation',
  (bundle) => {
    const code = readFileSync(resolve(PROJECT_ROOT, 'dist/functions', bundle), 'utf8');
    for (const doc of Object.values(variableDocs)) {
      expect(code).not.toContain(doc.description);
    }
    expect(code).toContain('GREETING_MESSAGE');
  },
);

/**
 * What the bundles may weigh: `npm run bench`'s target, 50 kB (1 kB = 1,000 bytes, as
 * the bench reports it), for the two that carry the error catalog and the alerts.
 * Measured after `npm run build`, 2026-12-01, fully minified (scripts/function-bundles.ts):
 * primary 16.1 kB, fallback 47.6 kB, events 42.8 kB (59.2 kB and 53.9 kB with identifiers
 * kept). A bundle that outgrows its cap has pulled in something that belongs in tools/
 * or in documentation.
 */
it.each([
  ['primary.protected.js', 24 * 1000],
  ['fallback.protected.js', 50 * 1000],
  ['events.protected.js', 50 * 1000],
])('dist/functions/%s stays under %i bytes', (bundle, cap) => {
  const code = readFileSync(resolve(PROJECT_ROOT, 'dist/functions', bundle), 'utf8');
  expect(Buffer.byteLength(code)).toBeLessThanOrEqual(cap);
});

it('the fallback carries the catalog’s advice, which its log line and alerts quote', () => {
  const code = readFileSync(resolve(PROJECT_ROOT, 'dist/functions/fallback.protected.js'), 'utf8');
  expect(code).toContain('HTTP communication total time out triggered');
});
