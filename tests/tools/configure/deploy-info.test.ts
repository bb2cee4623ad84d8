/** Reading the domain of the last `twilio-run deploy` (.twiliodeployinfo + environments). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseDeployInfo,
  pickDeployedDomain,
  readDeployInfo,
} from '../../../tools/configure/deploy-info';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const ACCOUNT = 'AC' + '0'.repeat(31) + '1';
const KEY = 'SK' + '9'.repeat(32);
const mine = { serviceSid: 'ZS' + '1'.repeat(32), latestBuild: 'ZB' + '1'.repeat(32) };
const other = { serviceSid: 'ZS' + '2'.repeat(32), latestBuild: 'ZB' + '2'.repeat(32) };

describe('parseDeployInfo', () => {
  it.each<[string, unknown, unknown]>([
    [
      'the account:region entry twilio-run 5 writes',
      { [`${ACCOUNT}:us1`]: mine, [`${KEY}:us1`]: other },
      mine,
    ],
    ['the older entry keyed by username only', { [ACCOUNT]: mine, [`${KEY}:us1`]: other }, mine],
    ['the only entry (deployed with an API key)', { [`${KEY}:us1`]: mine }, mine],
  ])('uses %s', (_name, file, info) => {
    expect(parseDeployInfo(JSON.stringify(file), ACCOUNT)).toEqual({ ok: true, info });
  });

  it.each<[string, string, string]>([
    ['not JSON', '{', '.twiliodeployinfo is not valid JSON'],
    ['no entry', '{}', '.twiliodeployinfo has no deploy entry'],
    [
      'malformed entry',
      JSON.stringify({ [`${ACCOUNT}:us1`]: { serviceSid: 'x' } }),
      '.twiliodeployinfo has no deploy entry',
    ],
    [
      'only other accounts',
      JSON.stringify({ [`${KEY}:us1`]: mine, 'SKx:us1': other }),
      `.twiliodeployinfo has 2 deploy entries and none for ${ACCOUNT}`,
    ],
  ])('refuses %s', (_name, text, reason) => {
    expect(parseDeployInfo(text, ACCOUNT)).toEqual({ ok: false, reason });
  });

  it('reads the file from the project folder, and says when it is missing', () => {
    const dir = makeTempDir('deploy-info');
    try {
      expect(readDeployInfo(dir, ACCOUNT)).toEqual({
        ok: false,
        reason: `no .twiliodeployinfo in ${dir} (run \`npm run deploy\` first)`,
      });
      writeFileSync(
        join(dir, '.twiliodeployinfo'),
        JSON.stringify({ [`${ACCOUNT}:us1`]: mine }, null, '\t'),
      );
      expect(readDeployInfo(dir, ACCOUNT)).toEqual({ ok: true, info: mine });
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('pickDeployedDomain', () => {
  const dev = {
    domainName: 'guard-1234-dev.twil.io',
    buildSid: mine.latestBuild,
    uniqueName: 'dev',
  };
  const prod = {
    domainName: 'guard-1234.twil.io',
    buildSid: other.latestBuild,
    uniqueName: 'prod',
  };
  it.each<[string, (typeof dev)[], unknown]>([
    [
      'the environment running the last build',
      [prod, dev],
      { ok: true, domain: 'guard-1234-dev.twil.io' },
    ],
    ['the only environment', [prod], { ok: true, domain: 'guard-1234.twil.io' }],
    [
      'nothing when no environment exists',
      [],
      { ok: false, reason: 'the deployed service has no environment' },
    ],
    [
      'nothing when several run other builds',
      [prod, { ...dev, buildSid: null } as unknown as typeof dev],
      {
        ok: false,
        reason:
          'the last build runs in no single environment (guard-1234.twil.io, guard-1234-dev.twil.io)',
      },
    ],
  ])('picks %s', (_name, environments, expected) => {
    expect(pickDeployedDomain(environments, mine.latestBuild)).toEqual(expected);
  });
});
