/** `probe --number` reads the number through TWILIO_API_BASE_URL (the sandbox's stand-in). */
import { probeNumberOnStandIn } from './probe-harness';

it('looks the number up on the stand-in and probes the URLs it holds', async () => {
  const { code, report, requests, twimlBase } = await probeNumberOnStandIn();
  expect(code).toBe(0);
  expect(report.results).toEqual([
    expect.objectContaining({ url: `${twimlBase}/primary`, pass: true }),
    expect.objectContaining({ url: `${twimlBase}/fallback`, pass: true }),
  ]);
  expect(requests).toEqual([
    'GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json 200',
    // Webhook Rules, read to say whether one overrides the primary's #ct=… timeouts.
    'GET /v1/Webhooks/Rules 200',
  ]);
});
