/**
 * What `twilio-run deploy` would upload, computed offline with the same function
 * twilio-run uses, over the build output and the folders .twilioserverlessrc names.
 */
import { fsHelpers } from '@twilio-labs/serverless-api';
import JSON5 from 'json5';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/dev-server';

const rc = JSON5.parse(readFileSync(resolve(PROJECT_ROOT, '.twilioserverlessrc'), 'utf8')) as {
  functionsFolder: string;
  assetsFolder: string;
  runtime: string;
  commands: Record<string, { functionsFolder?: string; assetsFolder?: string; port?: number }>;
};

describe('deploy plan', () => {
  it('points every command at the build output', () => {
    expect(rc.functionsFolder).toBe('dist/functions');
    expect(rc.assetsFolder).toBe('assets');
    expect(rc.runtime).toBe('node22');
    expect(rc.commands.deploy).toMatchObject({
      functionsFolder: 'dist/functions',
      assetsFolder: 'assets',
    });
    expect(rc.commands.start).toMatchObject({
      functionsFolder: 'dist/functions',
      port: 3000,
      // twilio serverless:start serves like a warm instance too (see docs/local-development.md).
      forkProcess: false,
      live: false,
    });
  });

  it('uploads exactly /primary, /fallback and /events (protected), /error.xml and /error-sms.xml (public)', async () => {
    const { functions, assets } = await fsHelpers.getListOfFunctionsAndAssets(PROJECT_ROOT, {
      functionsFolderNames: [rc.functionsFolder],
      assetsFolderNames: [rc.assetsFolder],
    });
    const plan = [...functions, ...assets]
      .map((resource) => ({ path: resource.path, access: resource.access }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(plan).toEqual([
      { path: '/error-sms.xml', access: 'public' },
      { path: '/error.xml', access: 'public' },
      { path: '/events', access: 'protected' },
      { path: '/fallback', access: 'protected' },
      { path: '/primary', access: 'protected' },
    ]);
  });
});
