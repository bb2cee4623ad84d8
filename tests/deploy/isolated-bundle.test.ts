/**
 * A deployed Function is stored as a lone file: each bundle must load and answer
 * from a directory with no sibling sources, and must not load `twilio` itself
 * (the runtime's global `Twilio` is used instead).
 *
 * runSafely turns any failure into the last-resort answer, which is valid TwiML
 * too: so the test asserts the real answer (the configured greeting or fallback
 * message, which the last resort never speaks) and that nothing was caught (no
 * `*-error` log line).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/dev-server';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

const BUNDLES = readdirSync(resolve(PROJECT_ROOT, 'dist/functions')).filter((f) =>
  f.endsWith('.js'),
);

/** Runs in a fresh Node.js process with the bundle as the only file in its folder. */
const RUNNER = `
const logged = [];
for (const level of ['log', 'warn', 'error']) console[level] = (line) => logged.push(String(line));
const bundle = process.argv[1];
const twilioPath = process.argv[2];
const loadedBefore = Object.keys(require.cache).length;
const fn = require(bundle);
const loadedTwilio = Object.keys(require.cache).some((k) => k.includes('/node_modules/twilio/'));
const modulesAtLoad = Object.keys(require.cache).length - loadedBefore;
globalThis.Twilio = { ...require(twilioPath), Response: class { setStatusCode(code) { this.statusCode = code; } setBody() {} appendHeader() {} } };
const context = JSON.parse(process.argv[3]);
fn.handler(context, { CallSid: 'CA' + '1'.repeat(32) }, (error, payload) => {
  const statusCode = payload && payload.statusCode;
  process.stdout.write('\\nRESULT ' + JSON.stringify({ loadedTwilio, modulesAtLoad, error, statusCode, twiml: String(payload), logged }));
});
`;

/** Messages only the real answers speak (the last-resort answer speaks the default). */
const CONTEXT = {
  PATH: '/x',
  GREETING_MESSAGE: 'Lone bundle greeting.',
  FALLBACK_MESSAGE: 'Lone bundle fallback message.',
};
const EXPECTED_SAY: Record<string, string> = {
  'primary.protected.js': CONTEXT.GREETING_MESSAGE,
  'fallback.protected.js': CONTEXT.FALLBACK_MESSAGE,
};

/**
 * `/events` answers Event Streams with an HTTP status, not TwiML: here (no AUTH_TOKEN,
 * no signature) it must refuse with 403.
 */
const STATUS_ANSWERS: Readonly<Record<string, number>> = { 'events.protected.js': 403 };

describe.each(BUNDLES)('dist/functions/%s', (bundle) => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('lone-function');
    copyFileSync(resolve(PROJECT_ROOT, 'dist/functions', bundle), join(dir, bundle));
  });
  afterAll(() => removeTempDir(dir));

  it('loads alone, without twilio at module load, and gives its real answer (TwiML, or its status)', () => {
    const output = execFileSync(
      process.execPath,
      ['-e', RUNNER, join(dir, bundle), require.resolve('twilio'), JSON.stringify(CONTEXT)],
      { cwd: dir, encoding: 'utf8', timeout: 20000 },
    );
    const resultLine = output.split('\n').find((line) => line.startsWith('RESULT ')) ?? '';
    const result = JSON.parse(resultLine.slice('RESULT '.length)) as {
      loadedTwilio: boolean;
      modulesAtLoad: number;
      error: unknown;
      statusCode: number | undefined;
      twiml: string;
      logged: string[];
    };
    expect(result.loadedTwilio).toBe(false);
    expect(result.modulesAtLoad).toBe(1);
    expect(result.error).toBeNull();
    const status = STATUS_ANSWERS[bundle];
    if (status !== undefined) {
      expect(result.statusCode).toBe(status);
      return;
    }
    const root = parseTwiml(result.twiml);
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]?.text).toBe(EXPECTED_SAY[bundle]);
    const events = result.logged.map((line) => (JSON.parse(line) as { event?: string }).event);
    expect(events.filter((event) => event?.endsWith('-error'))).toEqual([]);
  });
});
