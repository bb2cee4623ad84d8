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
 * What the bundles may weigh. Measured after `npm run build`, 2026-11-30: primary
 * 19.8 kB, fallback 52.2 kB (before the <Say> voice table, ~5 kB in each, and the
 * larger error catalog, ~6 kB in the fallback: 12.6 kB and 40.4 kB). A cap, not a target: a bundle that outgrows it has
 * pulled in something that belongs in tools/ or in documentation.
 */
it.each([
  ['primary.protected.js', 24 * 1024],
  ['fallback.protected.js', 64 * 1024],
])('dist/functions/%s stays under %i bytes', (bundle, cap) => {
  const code = readFileSync(resolve(PROJECT_ROOT, 'dist/functions', bundle), 'utf8');
  expect(Buffer.byteLength(code)).toBeLessThan(cap);
});

it('the fallback carries the catalog’s advice, which its log line and alerts quote', () => {
  const code = readFileSync(resolve(PROJECT_ROOT, 'dist/functions/fallback.protected.js'), 'utf8');
  expect(code).toContain('HTTP communication total time out triggered');
});
