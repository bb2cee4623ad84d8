/**
 * The Webhooks configuration API's OpenAPI file (written from Twilio's pages, as Twilio
 * publishes none) served by Prism like Twilio's own files: the reader's requests pass
 * Prism's validation, and the file's example reads as one Rule and its Setting.
 */
import { readWebhookConfiguration } from '../../../tools/twilio-client/read-webhook-rules';
import {
  loopbackTwilioClient,
  startPrism,
  type RunningPrism,
} from '../../support/twilio-api-stand-in';

let prism: RunningPrism | undefined;
afterAll(async () => {
  await prism?.close();
});

it('reads the example Rule and Setting from Prism, with requests Prism accepts', async () => {
  prism = await startPrism('webhooks.twilio.com');
  const { client, http } = loopbackTwilioClient({ 'webhooks.twilio.com': prism.baseUrl });
  const configuration = await readWebhookConfiguration(client, 20);
  expect(configuration).toEqual({
    available: true,
    rules: [
      {
        id: 'webhooks_rule_01abcdefghijklmnopqrstuvwx',
        friendlyName: 'Voice primary',
        matchType: 'PREFIX_MATCH',
        value: null,
        prefix: 'https://guard-1234-dev.twil.io/',
        settings: [{ settingId: 'webhooks_setting_01abcdefghijklmnopqrstuvwx', percentage: 100 }],
      },
    ],
    settings: new Map([
      [
        'webhooks_setting_01abcdefghijklmnopqrstuvwx',
        {
          id: 'webhooks_setting_01abcdefghijklmnopqrstuvwx',
          friendlyName: 'Patient primary',
          type: 'CUSTOMER',
          connection: { ct: 2000, rt: 8000, tt: 10000, rc: 1, rp: ['ct'] },
        },
      ],
    ]),
  });
  expect(http.sent.map((request) => request.url)).toEqual([
    `${prism.baseUrl}/v1/Webhooks/Rules`,
    `${prism.baseUrl}/v1/Webhooks/Settings`,
  ]);
  expect(prism.output()).not.toMatch(/did not pass the validation rules/);
}, 60000);
