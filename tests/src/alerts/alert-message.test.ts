import type { Alert } from '../../../src/alerts/alert';
import { alertText, alertWebhookBody, escapeSlackText } from '../../../src/alerts/alert-message';

const NOW = '2026-01-02T03:04:05.000Z';

/** An alert whose request-derived fields hold Slack markup (as if upstream checks failed). */
const crafted: Alert = {
  kind: 'fallback',
  time: NOW,
  errorCode: 11200,
  errorName: 'HTTP retrieval failure',
  explanation: 'The primary answered 500.',
  docsUrl: 'https://www.twilio.com/docs/api/errors/11200',
  errorUrl: 'https://app.example.com/<!channel>?a=1&b=<https://evil.example|click here>',
  failingHost: 'app.example.com',
  callSid: 'CA' + '1'.repeat(32),
  messageSid: null,
  from: '<@U024BE7LH>',
  to: '<!here>',
  recordingUrl: null,
  recordingSeconds: null,
  floodKey: '11200@app.example.com',
};

describe('Slack-style webhook text', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt; already', '&amp;lt; already'],
  ])('escapes %s as %s', (raw, escaped) => {
    expect(escapeSlackText(raw)).toBe(escaped);
  });

  it('leaves no <, > or bare & in the webhook text, whatever the request held', () => {
    const { text } = alertWebhookBody({ alert: crafted, suppressed: 0, windowSeconds: 300 });
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('from &lt;@U024BE7LH&gt; to &lt;!here&gt;');
  });

  it('the e-mail text stays plain (no HTML entities in a text/plain body)', () => {
    expect(alertText({ alert: crafted, suppressed: 0, windowSeconds: 300 })).toContain(
      'a=1&b=<https',
    );
  });
});

it('an error-event alert says how many times in how long', () => {
  const alert: Alert = {
    ...crafted,
    kind: 'error-event',
    occurrences: { count: 500, seconds: 60 },
    level: 'ERROR',
  };
  expect(alertText({ alert, suppressed: 0, windowSeconds: 300 }).split('\n')[0]).toBe(
    'Twilio logged 11200 HTTP retrieval failure at app.example.com: 500 times in 60 s',
  );
});
