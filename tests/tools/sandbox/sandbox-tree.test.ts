/**
 * `npm run sandbox -- --tree`: Twilio's credential rules for an account tree, as the
 * stand-in enforces them (https://www.twilio.com/docs/iam/api/subaccounts), and the
 * Serverless answers the audit reads, checked against twilio_serverless_v1.json.
 */
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../../tools/sandbox/demo-account';
import { demoTree, PARENT_DOMAIN, TREE_ACCOUNTS } from '../../../tools/sandbox/demo-tree';
import { sandboxInstructions, startSandbox } from '../../../tools/sandbox/sandbox-command';
import { sidOf } from '../../../tools/sandbox/account-state';

const { acme: ACME, bistro: BISTRO, deli: DELI } = TREE_ACCOUNTS;
const PARENT = { sid: DEMO_ACCOUNT_SID, token: DEMO_AUTH_TOKEN };

let standIn: RunningApiStandIn;
beforeAll(async () => {
  standIn = await startApiStandIn({ accounts: demoTree() });
});
afterAll(() => standIn.close());

async function get(
  path: string,
  as: { sid: string; token: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${standIn.baseUrl}${path}`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${as.sid}:${as.token}`).toString('base64')}`,
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const numbersOf = (account: string) =>
  `/api/2010-04-01/Accounts/${account}/IncomingPhoneNumbers.json`;

describe('sandbox --tree: who reaches what', () => {
  it.each<[string, { sid: string; token: string }, string, number]>([
    ['the parent reaches a subaccount’s numbers', PARENT, numbersOf(ACME.sid), 200],
    ['a subaccount reaches its own numbers', ACME, numbersOf(ACME.sid), 200],
    ['a subaccount does not reach its parent', ACME, numbersOf(PARENT.sid), 404],
    ['a subaccount does not reach a sibling', ACME, numbersOf(BISTRO.sid), 404],
    ['a closed account’s credentials are refused', DELI, numbersOf(DELI.sid), 401],
    [
      'a subaccount cannot list the tree’s accounts beyond itself',
      BISTRO,
      `/api/2010-04-01/Accounts/${ACME.sid}.json`,
      404,
    ],
  ])('%s', async (_what, as, path, status) => {
    expect((await get(path, as)).status).toBe(status);
  });

  it('lists the parent and its subaccounts with auth_token, owner_account_sid and status, filtered by Status', async () => {
    const all = await get('/api/2010-04-01/Accounts.json', PARENT);
    const accounts = all.body.accounts as Record<string, string>[];
    expect(accounts.map((a) => [a.sid, a.owner_account_sid, a.status])).toEqual([
      [PARENT.sid, PARENT.sid, 'active'],
      [ACME.sid, PARENT.sid, 'active'],
      [BISTRO.sid, PARENT.sid, 'active'],
      [TREE_ACCOUNTS.corner.sid, PARENT.sid, 'suspended'],
      [DELI.sid, PARENT.sid, 'closed'],
    ]);
    expect(accounts[1]!.auth_token).toBe(ACME.token);
    const closed = await get('/api/2010-04-01/Accounts.json?Status=closed', PARENT);
    expect((closed.body.accounts as { sid: string }[]).map((a) => a.sid)).toEqual([DELI.sid]);
    // A subaccount sees itself only.
    const own = await get('/api/2010-04-01/Accounts.json', ACME);
    expect((own.body.accounts as { sid: string }[]).map((a) => a.sid)).toEqual([ACME.sid]);
  });

  it('serves Serverless for the account that authenticates: Services → Environments → Build paths and visibility', async () => {
    const parentServices = await get('/serverless/v1/Services', PARENT);
    const service = (parentServices.body.services as Record<string, string>[])[0]!;
    expect(service.unique_name).toBe('twilio-fallback-guard');
    const environments = await get(`/serverless/v1/Services/${service.sid}/Environments`, PARENT);
    const environment = (environments.body.environments as Record<string, string>[])[0]!;
    expect(environment.domain_name).toBe(PARENT_DOMAIN);
    const build = await get(
      `/serverless/v1/Services/${service.sid}/Builds/${environment.build_sid}`,
      PARENT,
    );
    const paths = [
      ...(build.body.function_versions as { path: string; visibility: string }[]),
      ...(build.body.asset_versions as { path: string; visibility: string }[]),
    ].map((v) => `${v.path} ${v.visibility}`);
    expect(paths).toEqual([
      '/primary PROTECTED',
      '/fallback PROTECTED',
      '/error.xml PUBLIC',
      '/error-sms.xml PUBLIC',
    ]);
    // Bistro has no deployment; the parent's Service is not Bistro's to see.
    expect((await get('/serverless/v1/Services', BISTRO)).body.services).toEqual([]);
    expect((await get(`/serverless/v1/Services/${service.sid}/Environments`, BISTRO)).status).toBe(
      404,
    );
    expect(
      ((await get('/serverless/v1/Services', ACME)).body.services as { sid: string }[]).map(
        (s) => s.sid,
      ),
    ).toEqual([sidOf('ZS', 2)]);
    expect(standIn.requests.filter((r) => r.violation)).toEqual([]);
  });
});

describe('npm run sandbox -- --tree', () => {
  it('starts the tree and prints the commands that audit and fix it', async () => {
    let printed = '';
    const started = await startSandbox(['--tree'], (text) => (printed += text));
    if (typeof started === 'number') throw new Error(`sandbox exited ${started}`);
    try {
      expect(started.state.accounts.size).toBe(5);
      expect(printed).toBe(`${sandboxInstructions(started.baseUrl, true)}\n`);
      expect(printed).toContain('npm run audit -- --subaccounts');
    } finally {
      await started.close();
    }
  });
});
