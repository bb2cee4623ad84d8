/**
 * The fault matrix: the built Functions on the real twilio-run dev server, real
 * misbehaving servers on 127.0.0.1, and the emulator's command (`npm run simulate`,
 * run in-process with --json) driving every failure mode. Each row must reach the
 * project's fallback with the right ErrorCode and ErrorUrl, and the caller must end
 * with the fallback's TwiML; the fallback's own log line proves what it received.
 *
 * The dev server runs Functions in-process (forkProcess: false) so the fallback's
 * log line reaches this process's console; forked, it would go straight to stdout.
 * Needs `npm run build` first (`npm test` does it).
 */
import { DEFAULT_FALLBACK_MESSAGE } from '../../src/config/variables';
import type { FallbackRecord } from '../../src/logging/fallback-record';
import type { CallerGets, SimulationReport } from '../../tools/emulator/simulate';
import { runSimulateCommand } from '../../tools/emulator/simulate-command';
import { formatTextTable } from '../../tools/cli/text-table';
import { startDevServer, type RunningDevServer } from '../support/dev-server';
import { parseTwiml, verbsOf, type TwimlNode } from '../support/twiml-parse';
import {
  refusedUrl,
  startMisbehavingServer,
  startNotHttpServer,
  startSelfSignedServer,
  type TestServer,
} from '../tools/emulator/misbehaving-servers';

const DRILL_NUMBER = '+15005550006';
const FALLBACK_SMS_REPLY = 'Sorry, we could not read your message. Please try again later.';
const UNRESOLVABLE = 'http://primary.fallback-guard.invalid/voice';

let dev: RunningDevServer;
let bad: TestServer;
let tls: TestServer;
let notHttp: TestServer;
let refused: string;
const logLines: string[] = [];
const matrix: string[][] = [];
let restoreConsole: () => void = () => undefined;

beforeAll(async () => {
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((...args) => logLines.push(args.join(' ')));
  const warn = jest
    .spyOn(console, 'warn')
    .mockImplementation((...args) => logLines.push(args.join(' ')));
  restoreConsole = () => {
    log.mockRestore();
    warn.mockRestore();
  };
  [dev, bad, tls, notHttp, refused] = await Promise.all([
    startDevServer({
      env: { FAILOVER_DRILL_NUMBER: DRILL_NUMBER, FALLBACK_SMS_REPLY },
      forkProcess: false,
    }),
    startMisbehavingServer(),
    startSelfSignedServer(),
    startNotHttpServer(),
    refusedUrl('/fallback'),
  ]);
});

afterAll(async () => {
  restoreConsole();
  await Promise.all([dev?.close(), bad?.close(), tls?.close(), notHttp?.close()]);
  console.log(
    `Fault matrix\n\n${formatTextTable(
      ['failure mode', 'ErrorCode', 'ErrorUrl', 'caller gets', 'verbs', 'exit', 'ms'],
      matrix,
    )}`,
  );
});

interface FaultCase {
  readonly mode: string;
  /** Options after --json; the fallback defaults to the project's /fallback. */
  readonly args: () => string[];
  readonly errorCode: number | null;
  readonly errorUrl: () => string | null;
  readonly callerGets: CallerGets;
  /** Which fallback answered: the project's Function (it logs what it received) or /error.xml. */
  readonly fallback?: 'function' | 'error.xml';
}

const fallbackFunction = () => ['--fallback-url', `${dev.baseUrl}/fallback`];
const primaryAt = (url: string) => ['--url', url, ...fallbackFunction()];

const CASES: readonly FaultCase[] = [
  {
    mode: 'healthy primary (control row)',
    args: () => primaryAt(`${dev.baseUrl}/primary`),
    errorCode: null,
    errorUrl: () => null,
    callerGets: 'primary-twiml',
  },
  {
    mode: 'primary answers 500',
    args: () => primaryAt(`${bad.baseUrl}/status/500`),
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/500`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'primary answers 404',
    args: () => primaryAt(`${bad.baseUrl}/status/404`),
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/404`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'nothing listening',
    args: () => primaryAt(refused.replace('/fallback', '/voice')),
    errorCode: 11205,
    errorUrl: () => refused.replace('/fallback', '/voice'),
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'accepts, never answers (#rt=300)',
    args: () => primaryAt(`${bad.baseUrl}/hang#rt=300`),
    errorCode: 11205,
    errorUrl: () => `${bad.baseUrl}/hang`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'host does not resolve (.invalid)',
    args: () => primaryAt(UNRESOLVABLE),
    errorCode: 11210,
    errorUrl: () => UNRESOLVABLE,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'redirects forever (HTTP 302 loop)',
    args: () => primaryAt(`${bad.baseUrl}/loop`),
    errorCode: 11215,
    errorUrl: () => `${bad.baseUrl}/loop`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'self-signed TLS certificate',
    args: () => primaryAt(`${tls.baseUrl}/twiml/voice`),
    errorCode: 11237,
    errorUrl: () => `${tls.baseUrl}/twiml/voice`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'body over 64 kB',
    args: () => primaryAt(`${bad.baseUrl}/big`),
    errorCode: 11750,
    errorUrl: () => `${bad.baseUrl}/big`,
    callerGets: 'fallback-twiml',
  },
  {
    // text/html is executed as TwiML: an HTML page fails as a document, not as a type.
    mode: 'an HTML page (text/html)',
    args: () => primaryAt(`${bad.baseUrl}/html`),
    errorCode: 12100,
    errorUrl: () => `${bad.baseUrl}/html`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'malformed XML',
    args: () => primaryAt(`${bad.baseUrl}/malformed`),
    errorCode: 12100,
    errorUrl: () => `${bad.baseUrl}/malformed`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'XML with the wrong root',
    args: () => primaryAt(`${bad.baseUrl}/wrong-root`),
    errorCode: 12100,
    errorUrl: () => `${bad.baseUrl}/wrong-root`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'answers something that is not HTTP',
    args: () => primaryAt(`${notHttp.baseUrl}/voice`),
    errorCode: 11206,
    errorUrl: () => `${notHttp.baseUrl}/voice`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'project /primary in failover-drill mode',
    args: () => [...primaryAt(`${dev.baseUrl}/primary`), '--from', DRILL_NUMBER],
    errorCode: 11200,
    errorUrl: () => `${dev.baseUrl}/primary`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: '<Gather> action URL fails mid-call',
    args: () => [...primaryAt(`${bad.baseUrl}/gather`), '--digits', '1'],
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/gather-action`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: '<Redirect> to a URL that fails',
    args: () => primaryAt(`${bad.baseUrl}/redirect-to-failing`),
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/503`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'message: primary answers 500',
    args: () => [...primaryAt(`${bad.baseUrl}/status/500`), '--kind', 'sms', '--body', 'Hi'],
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/500`,
    callerGets: 'fallback-twiml',
  },
  {
    mode: 'zero-code fallback: /error.xml (GET)',
    args: () => [
      ...['--url', `${bad.baseUrl}/status/500`, '--fallback-url', `${dev.baseUrl}/error.xml`],
      ...['--fallback-method', 'GET'],
    ],
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/500`,
    callerGets: 'fallback-twiml',
    fallback: 'error.xml',
  },
  {
    mode: 'zero-code fallback: /error.xml (POST)',
    args: () => [
      '--url',
      `${bad.baseUrl}/status/500`,
      '--fallback-url',
      `${dev.baseUrl}/error.xml`,
    ],
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/500`,
    callerGets: 'fallback-twiml',
    fallback: 'error.xml',
  },
  {
    mode: 'fallback itself down (call)',
    args: () => ['--url', `${bad.baseUrl}/status/500`, '--fallback-url', refused],
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/500`,
    callerGets: 'stock-error',
  },
  {
    mode: 'fallback itself down (message)',
    args: () => ['--url', `${bad.baseUrl}/status/500`, '--fallback-url', refused, '--kind', 'sms'],
    errorCode: 11200,
    errorUrl: () => `${bad.baseUrl}/status/500`,
    callerGets: 'nothing',
  },
];

async function runCommand(args: string[]): Promise<{ exitCode: number; report: SimulationReport }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runSimulateCommand([...args, '--json'], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  if (stderr !== '') throw new Error(stderr);
  return { exitCode, report: JSON.parse(stdout) as SimulationReport };
}

function fallbackRecordsFor(sid: string): FallbackRecord[] {
  return logLines
    .filter((line) => line.startsWith('{"event":"fallback"'))
    .map((line) => JSON.parse(line) as FallbackRecord)
    .filter((record) => record.callSid === sid || record.messageSid === sid);
}

function textOf(node: TwimlNode | undefined): string {
  return node?.text.trim() ?? '';
}

describe.each(CASES)('$mode', (row) => {
  let exitCode: number;
  let report: SimulationReport;

  beforeAll(async () => {
    ({ exitCode, report } = await runCommand(row.args()));
    matrix.push([
      row.mode,
      String(report.errorCode ?? '-'),
      report.errorUrl ?? '-',
      report.callerGets,
      report.verbs.join(',') || '-',
      String(exitCode),
      String(report.totalMs),
    ]);
  });

  it(`reports ErrorCode ${row.errorCode ?? 'none'} for the right ErrorUrl`, () => {
    expect({ errorCode: report.errorCode, errorUrl: report.errorUrl }).toEqual({
      errorCode: row.errorCode,
      errorUrl: row.errorUrl(),
    });
  });

  it(`leaves the caller with ${row.callerGets}`, () => {
    expect(report.callerGets).toBe(row.callerGets);
    expect(exitCode).toBe(row.callerGets === 'stock-error' || row.callerGets === 'nothing' ? 1 : 0);
    if (row.callerGets === 'stock-error' || row.callerGets === 'nothing') {
      expect(report.twiml).toBeNull();
      return;
    }
    const root = parseTwiml(report.twiml ?? '');
    expect(root.name).toBe('Response');
    if (row.callerGets === 'primary-twiml') {
      expect(report.twimlUrl).toBe(`${dev.baseUrl}/primary`);
      expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
      return;
    }
    const last = report.attempts[report.attempts.length - 1];
    expect(last).toMatchObject({ role: 'fallback', status: 200, errorCode: null });
    if (report.kind === 'sms') {
      expect(verbsOf(root)).toEqual(['Message']);
      expect(textOf(root.children[0])).toBe(FALLBACK_SMS_REPLY);
    } else {
      expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
      expect(textOf(root.children[0])).toBe(DEFAULT_FALLBACK_MESSAGE);
    }
  });

  if (row.callerGets === 'fallback-twiml' && row.fallback !== 'error.xml') {
    it('the project’s fallback logged the ErrorCode and ErrorUrl it received, as a probe', () => {
      // simulate marks every request (src/request/probe-marker.ts): logged, never alerted.
      expect(fallbackRecordsFor(report.sid)).toEqual([
        expect.objectContaining({
          errorCode: row.errorCode,
          errorStatus: 'known',
          errorUrl: row.errorUrl(),
          kind: report.kind,
          probe: true,
        }),
      ]);
    });
  } else {
    it('the project’s fallback Function was not involved', () => {
      expect(fallbackRecordsFor(report.sid)).toEqual([]);
    });
  }
});
