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
