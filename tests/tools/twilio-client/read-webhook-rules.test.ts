/**
 * The reader of Webhook Rules and Settings against the stateful stand-in, whose
 * contract is the OpenAPI file written from Twilio's Webhooks configuration pages:
 * every page is followed, an account without the API is one line, nothing throws.
 */
import {
  emptyAccount,
  sidOf,
  webhookIdOf,
  type StoredAccount,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { closeTwilioClient, createTwilioClient } from '../../../tools/twilio-client/create-client';
import {
  MAX_WEBHOOK_PAGES,
  readWebhookConfiguration,
} from '../../../tools/twilio-client/read-webhook-rules';

const SID = sidOf('AC', 0x3eb);
const TOKEN = 'webhook-rules-test-token';

function accountWithRules(rules: number, settings: number): StoredAccount {
  const account = emptyAccount(SID, TOKEN, 'rules');
  for (let n = 1; n <= settings; n += 1) {
    account.webhooks.settings.push({
      id: webhookIdOf('setting', n),
      type: 'CUSTOMER',
      friendlyName: `setting ${n}`,
      connection: {
        connectTimeout: 1000 + n,
        readTimeout: 5000,
        retryCount: 0,
        retryPolicy: ['ct'],
      },
    });
  }
  for (let n = 1; n <= rules; n += 1) {
    account.webhooks.rules.push({
      id: webhookIdOf('rule', n),
      friendlyName: `rule ${n}`,
      matchType: 'EXACT_MATCH',
      value: `https://app.example.com/r${n}`,
      prefix: null,
      settings: [
        { settingId: webhookIdOf('setting', 1), percentage: 80 },
        { settingId: webhookIdOf('setting', 2), percentage: 20 },
      ],
    });
  }
  return account;
}

async function read(standIn: RunningApiStandIn, pageSize: number) {
  const client = createTwilioClient({ accountSid: SID, authToken: TOKEN }, undefined, {
    TWILIO_API_BASE_URL: standIn.baseUrl,
  });
  try {
    return await readWebhookConfiguration(client, pageSize);
  } finally {
    closeTwilioClient(client);
  }
}

const listed = (standIn: RunningApiStandIn) =>
  standIn.requests.map(
    (r) => `${r.method} ${r.operation} ${r.status}${r.violation ? ` ${r.violation}` : ''}`,
  );

describe('readWebhookConfiguration', () => {
  it('follows every page of Rules and Settings and reads each Setting’s connection part', async () => {
    const standIn = await startApiStandIn({ accounts: [accountWithRules(7, 5)] });
    try {
      const configuration = await read(standIn, 3);
      expect(configuration.available).toBe(true);
      if (!configuration.available) return;
      expect(configuration.rules.map((rule) => rule.id)).toEqual(
        [1, 2, 3, 4, 5, 6, 7].map((n) => webhookIdOf('rule', n)),
      );
      expect(configuration.rules[0]?.settings).toEqual([
        { settingId: webhookIdOf('setting', 1), percentage: 80 },
        { settingId: webhookIdOf('setting', 2), percentage: 20 },
      ]);
      expect(configuration.settings.size).toBe(5);
      expect(configuration.settings.get(webhookIdOf('setting', 2))?.connection).toEqual({
        ct: 1002,
        rt: 5000,
        rc: 0,
        rp: ['ct'],
      });
      // 7 Rules at 3 a page: 3 pages; 5 Settings: 2 pages; every request kept the contract.
      expect(listed(standIn)).toEqual([
        ...Array(3).fill('GET /v1/Webhooks/Rules 200'),
        ...Array(2).fill('GET /v1/Webhooks/Settings 200'),
      ]);
    } finally {
      await standIn.close();
    }
  });

  it('does not list Settings when no Rule exists (no Rule: no Setting applies)', async () => {
    const standIn = await startApiStandIn({ accounts: [accountWithRules(0, 2)] });
    try {
      expect(await read(standIn, 50)).toEqual({ available: true, rules: [], settings: new Map() });
      expect(listed(standIn)).toEqual(['GET /v1/Webhooks/Rules 200']);
    } finally {
      await standIn.close();
    }
  });

  it.each<[string, (account: StoredAccount) => void, RegExp]>([
    [
      'the API is not enabled for the account (403)',
      (account) => (account.webhooks.enabled = false),
      /^Webhook Rules not checked: the Webhooks configuration API \(Public Beta\) is not enabled for this account or these credentials \(Twilio API error 20403 \(HTTP 403\)/,
    ],
    [
      'the credentials are refused (401)',
      (account) => (account.authToken = 'another-token'),
      /not enabled for this account or these credentials \(Twilio API error 20003 \(HTTP 401\)/,
    ],
  ])('says in one line when %s, and does not throw', async (_name, change, expected) => {
    const account = accountWithRules(1, 1);
    change(account);
    const standIn = await startApiStandIn({ accounts: [account] });
    try {
      const configuration = await read(standIn, 50);
      expect(configuration.available).toBe(false);
      if (configuration.available) return;
      expect(configuration.reason).toMatch(expected);
      expect(configuration.reason).not.toContain('\n');
    } finally {
      await standIn.close();
    }
  });

  it('stops at the page bound and says the Rules were not all read, rather than "no Rule"', async () => {
    const standIn = await startApiStandIn({
      accounts: [accountWithRules(MAX_WEBHOOK_PAGES + 1, 2)],
    });
    try {
      const configuration = await read(standIn, 1);
      expect(configuration).toEqual({
        available: false,
        reason: `Webhook Rules not checked: more than ${MAX_WEBHOOK_PAGES} pages of rules, stopped reading; a Rule there would override the URL's #ct=… timeouts`,
      });
      expect(standIn.requests).toHaveLength(MAX_WEBHOOK_PAGES);
    } finally {
      await standIn.close();
    }
  });

  it('says in one line when the API cannot be reached at all', async () => {
    const standIn = await startApiStandIn({ accounts: [accountWithRules(1, 1)] });
    const baseUrl = standIn.baseUrl;
    await standIn.close();
    const client = createTwilioClient({ accountSid: SID, authToken: TOKEN }, undefined, {
      TWILIO_API_BASE_URL: baseUrl,
    });
    try {
      const configuration = await readWebhookConfiguration(client);
      expect(configuration).toEqual({
        available: false,
        reason: expect.stringMatching(
          /^Webhook Rules not checked: the Webhooks configuration API could not be read \(could not reach the Twilio API while listing Webhook Rules: .*ECONNREFUSED/,
        ),
      });
    } finally {
      closeTwilioClient(client);
    }
  });
});
