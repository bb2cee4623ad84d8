import {
  alertChannels,
  alertConfigProblems,
  hasAlertChannel,
} from '../../../src/alerts/alert-channels';
import type { AlertServices } from '../../../src/alerts/alert-services';
import { readConfig } from '../../../src/config/read-config';

const services: AlertServices = {
  twilioClient: () => {
    throw new Error('not used');
  },
  syncService: () => {
    throw new Error('not used');
  },
  fetch: () => Promise.reject(new Error('not used')),
  now: () => 0,
};

const SMS = { ALERT_SMS_TO: '+14155550100', ALERT_SMS_FROM: '+14155550199' };
const WEBHOOK = { ALERT_WEBHOOK_URL: 'https://hooks.example.com/T000/B000/xyz' };
const EMAIL = {
  SENDGRID_API_KEY: 'SG.test-key-0123456789',
  ALERT_EMAIL_TO: 'oncall@example.com, backup@example.com',
  ALERT_EMAIL_FROM: 'alerts@example.com',
};

const PAGERDUTY = { PAGERDUTY_ROUTING_KEY: 'R0ut1ngKey0123456789abcdef012345' };

describe('alertChannels', () => {
  it.each([
    [{}, []],
    [SMS, ['sms']],
    [WEBHOOK, ['webhook']],
    [EMAIL, ['email']],
    [{ ...SMS, ...WEBHOOK, ...EMAIL }, ['sms', 'webhook', 'email']],
    [PAGERDUTY, ['pagerduty']],
    [{ ...WEBHOOK, ...PAGERDUTY }, ['webhook', 'pagerduty']],
    [{ ALERT_SMS_TO: SMS.ALERT_SMS_TO }, []],
    [{ ...EMAIL, ALERT_EMAIL_FROM: '' }, []],
    [{ ALERT_SMS_TO: '+14155550100', ALERT_SMS_FROM: 'MG' + 'a'.repeat(32) }, ['sms']],
    [{ ...SMS, ALERT_SMS_FROM: SMS.ALERT_SMS_TO, ...WEBHOOK }, ['webhook']],
  ])('with %j: %j', (env, names) => {
    const { config } = readConfig(env);
    expect(alertChannels(config, services).map((channel) => channel.name)).toEqual(names);
  });
});

describe('hasAlertChannel', () => {
  // The same rule as alertChannels: a channel configured by halves, or SMS to its own
  // sender, is no channel.
  it.each([
    [{}, false],
    [{ ALERT_SMS_TO: SMS.ALERT_SMS_TO }, false],
    [{ ...SMS, ALERT_SMS_FROM: SMS.ALERT_SMS_TO }, false],
    [{ ...EMAIL, ALERT_EMAIL_FROM: '' }, false],
    [SMS, true],
    [WEBHOOK, true],
    [EMAIL, true],
    [PAGERDUTY, true],
  ])('with %j: %s', (env, expected) => {
    expect(hasAlertChannel(readConfig(env).config)).toBe(expected);
  });
});

describe('alertConfigProblems', () => {
  it.each([
    [{ ALERT_SMS_TO: '+14155550100' }, [['ALERT_SMS_FROM', /ALERT_SMS_TO is set$/]]],
    [{ ALERT_SMS_FROM: '+14155550100' }, [['ALERT_SMS_TO', /ALERT_SMS_FROM is set/]]],
    [
      { SENDGRID_API_KEY: EMAIL.SENDGRID_API_KEY },
      [
        ['ALERT_EMAIL_TO', /SENDGRID_API_KEY is set$/],
        ['ALERT_EMAIL_FROM', /SENDGRID_API_KEY is set/],
      ],
    ],
    [{ ...SMS, ...WEBHOOK, ...EMAIL }, []],
    [{}, []],
    [
      { ...SMS, ALERT_SMS_FROM: SMS.ALERT_SMS_TO },
      [['ALERT_SMS_TO', /same number as ALERT_SMS_FROM \(.*error 21266\)/]],
    ],
  ])('with %j names %j', (env, expected) => {
    const problems = alertConfigProblems(readConfig(env).config);
    expect(problems.map((problem) => problem.variable)).toEqual(expected.map(([name]) => name));
    problems.forEach((problem, index) =>
      expect(problem.reason).toMatch(expected[index]![1] as RegExp),
    );
  });

  it.each([
    [{ ALERT_SMS_TO: SMS.ALERT_SMS_TO }, 'no SMS alerts'],
    [{ ...SMS, ALERT_SMS_FROM: SMS.ALERT_SMS_TO }, 'no SMS alerts'],
    [{ SENDGRID_API_KEY: EMAIL.SENDGRID_API_KEY }, 'no e-mail alerts'],
  ])('with %j says the consequence: %s (never "using the default")', (env, consequence) => {
    const problems = alertConfigProblems(readConfig(env).config);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.consequence).toBe(consequence);
  });
});

describe('alert variables', () => {
  it.each([
    ['ALERT_WEBHOOK_URL', 'hooks.example.com/x', /absolute URL/],
    ['ALERT_WEBHOOK_URL', 'ftp://example.com/x', /http\(s\)/],
    ['ALERT_SMS_FROM', 'MGnothex', /Messaging Service SID/],
    ['ALERT_EMAIL_TO', 'a@example.com, nobody', /not an e-mail address/],
    ['SENDGRID_API_KEY', 'short', /10 to 512/],
    ['SENDGRID_API_URL', 'https://api.sendgrid.com/?x=1', /query/],
    ['ALERT_BUDGET_MS', '1500000', /200\.\.3000/],
    ['ALERT_BUDGET_MS', '199', /200\.\.3000/],
    ['ALERT_WINDOW_SECONDS', '5', /10\.\.86400/],
    ['SYNC_SERVICE_SID', 'default', /Sync Service SID/],
    ['RECOVERY_MODE', 'pray', /message, dial, voicemail, redirect/],
  ])('refuses %s=%j and names why', (name, raw, reason) => {
    const { problems } = readConfig({ [name]: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ variable: name, reason: expect.stringMatching(reason) });
  });

  it('reads the defaults the README documents', () => {
    const { config } = readConfig({});
    expect(config).toMatchObject({
      alertBudgetMs: 1000,
      alertWindowSeconds: 300,
      sendgridApiUrl: 'https://api.sendgrid.com',
      recoveryMode: 'message',
      voicemailMaxSeconds: 120,
      alertEmailTo: [],
    });
  });

  it('reads a list of recipients and a trailing-slash base URL', () => {
    const { config, problems } = readConfig({
      ALERT_EMAIL_TO: ' a@example.com ,b@example.org,',
      SENDGRID_API_URL: 'http://127.0.0.1:4010/',
      RECOVERY_MODE: 'Voicemail',
    });
    expect(problems).toEqual([]);
    expect(config.alertEmailTo).toEqual(['a@example.com', 'b@example.org']);
    expect(config.sendgridApiUrl).toBe('http://127.0.0.1:4010');
    expect(config.recoveryMode).toBe('voicemail');
  });
});
