/**
 * The account tree behind the parent's credentials: `GET /2010-04-01/Accounts.json`
 * lists the parent's subaccounts (and may list the parent itself), each with its
 * `auth_token`, `owner_account_sid` and `status`
 * (https://www.twilio.com/docs/iam/api/account, https://www.twilio.com/docs/iam/api/subaccounts).
 *
 * Each subaccount's auth token is kept in memory only, in the client built for it (and,
 * to sign synthetic requests, in a module-private WeakMap keyed by the account): the
 * version-1 products (Messaging, Serverless, Trunking) have no account in their path
 * and serve the account that authenticates, so a subaccount's Messaging Services and
 * Functions can only be read with its own credentials. twilio-node's `accountSid`
 * option does not change that: it only fills the 2010-04-01 path (twilio-node issue
 * #492, https://github.com/twilio/twilio-node/issues/492). A tool that read v1 with the
 * parent's credentials would silently audit the parent's services for every account.
 */
import type RequestClient from 'twilio/lib/base/RequestClient';
import { createTwilioClient, type TwilioClient } from '../twilio-client/create-client';

export type AccountStatus = 'active' | 'suspended' | 'closed';

/** An account of the tree to audit, with a client that authenticates as it. */
export interface TreeAccount {
  readonly sid: string;
  readonly friendlyName: string;
  readonly isParent: boolean;
  /** Built with the account's own SID and auth token. */
  readonly client: TwilioClient;
}

/**
 * Each account's auth token, stored where the account is built rather than read back out
 * of twilio-node's client (whose `password` field is an internal, not an API). A WeakMap:
 * not a property, so no JSON.stringify or inspection of an account can print it.
 */
const signingTokens = new WeakMap<TreeAccount, string>();

/** The account, with the token its requests are signed with kept for signingTokenOf. */
export function treeAccount(account: TreeAccount, authToken: string): TreeAccount {
  signingTokens.set(account, authToken);
  return account;
}

/**
 * The token Twilio signs the account's webhooks with: a subaccount's own, not the
 * parent's (twilio-php issue #436, https://github.com/twilio/twilio-php/issues/436).
 * Synthetic requests (--probe, --fast-failover auto) are signed with it so that a
 * primary or fallback that validates X-Twilio-Signature sees what Twilio would send.
 */
export function signingTokenOf(account: TreeAccount): string {
  const token = signingTokens.get(account);
  if (token === undefined) {
    throw new Error(
      `no signing token kept for account ${account.sid}: build tree accounts with treeAccount (readAccountTree does)`,
    );
  }
  return token;
}

export interface SkippedAccount {
  readonly sid: string;
  readonly friendlyName: string;
  readonly status: string;
}

export interface AccountTree {
  /** The parent first, then the active subaccounts in the order Twilio listed them. */
  readonly active: readonly TreeAccount[];
  /** Suspended and closed subaccounts: reported in one line each, never read. */
  readonly skipped: readonly SkippedAccount[];
}

/**
 * Lists the tree with the parent's client (list pages only) and builds one client per
 * active account on the same HTTP client (one connection pool, one 429 policy).
 */
export async function readAccountTree(
  parent: { readonly client: TwilioClient; readonly sid: string; readonly authToken: string },
  httpClient: RequestClient,
  pageSize: number,
): Promise<AccountTree> {
  const active: TreeAccount[] = [];
  const skipped: SkippedAccount[] = [];
  let parentName = 'parent account';
  type Page = Awaited<ReturnType<TwilioClient['api']['v2010']['accounts']['page']>>;
  let page: Pick<Page, 'instances' | 'nextPage'> | undefined =
    await parent.client.api.v2010.accounts.page({ pageSize });
  while (page) {
    for (const account of page.instances) {
      if (account.sid === parent.sid) {
        parentName = account.friendlyName;
        continue;
      }
      if (account.status !== 'active') {
        skipped.push({
          sid: account.sid,
          friendlyName: account.friendlyName,
          status: account.status,
        });
        continue;
      }
      const credentials = { accountSid: account.sid, authToken: account.authToken };
      active.push(
        treeAccount(
          {
            sid: account.sid,
            friendlyName: account.friendlyName,
            isParent: false,
            client: createTwilioClient(credentials, httpClient),
          },
          account.authToken,
        ),
      );
    }
    page = await page.nextPage();
  }
  return {
    active: [
      treeAccount(
        { sid: parent.sid, friendlyName: parentName, isParent: true, client: parent.client },
        parent.authToken,
      ),
      ...active,
    ],
    skipped,
  };
}
