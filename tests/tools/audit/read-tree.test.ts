/** signingTokenOf: the token kept when the tree's accounts are built, never read out of twilio-node. */
import { signingTokenOf, treeAccount, type TreeAccount } from '../../../tools/audit/read-tree';
import { createTwilioClient } from '../../../tools/twilio-client/create-client';

const SID = `AC${'a1'.repeat(16)}`;
const TOKEN = 'tree-test-token-not-a-secret';
const fields = () => ({
  sid: SID,
  friendlyName: 'Acme',
  isParent: false,
  client: createTwilioClient({ accountSid: SID, authToken: TOKEN }),
});

describe('signingTokenOf', () => {
  it('answers the token the account was built with', () => {
    expect(signingTokenOf(treeAccount(fields(), TOKEN))).toBe(TOKEN);
  });

  it('refuses, naming the account and not the token, an account built without one (its client holds one all the same)', () => {
    const bare: TreeAccount = fields();
    expect(() => signingTokenOf(bare)).toThrow(`no signing token kept for account ${SID}`);
    expect(() => signingTokenOf(bare)).not.toThrow(TOKEN);
  });

  it('keeps the token off the account: printing the account never shows it', () => {
    const account = treeAccount({ ...fields(), client: {} as TreeAccount['client'] }, TOKEN);
    expect(JSON.stringify(account)).not.toContain(TOKEN);
    expect(Object.values(account)).not.toContain(TOKEN);
  });
});
