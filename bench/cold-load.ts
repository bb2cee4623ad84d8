/**
 * Part 3: the cold load of each built bundle. For each, a fresh Node.js process
 * requires the bundle and builds its first answer; repeated, median taken. The
 * bare Function is measured the same way as the baseline.
 *
 * The deployed runtime has `twilio` loaded before any Function, so the probe loads
 * it too, outside the timed part, but only AFTER checking whether requiring the
 * bundle pulled it in: a bundle that imports `twilio` at module start pays for it
 * on every cold start.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../tests/support/dev-server';
import {
  ratioOf,
  type Figure,
  type PartResult,
  type Ratio,
  type TargetCheck,
} from './bench-results';
import type { BenchSizes } from './bench-sizes';
import { VOICE_FALLBACK_PARAMS } from './fallback-requests';
import { median, roundFigure } from './percentiles';

const execFileAsync = promisify(execFile);

const MAX_BUNDLE_KB = 50;

/** Runs in the fresh process: argv = bundle path, twilio path, event JSON. */
const PROBE = `
const [bundle, twilioPath, eventJson] = process.argv.slice(1);
const isTwilio = (key) => key.includes('/node_modules/twilio/');
const t0 = process.hrtime.bigint();
const fn = require(bundle);
const t1 = process.hrtime.bigint();
const twilioModulesAtLoad = Object.keys(require.cache).filter(isTwilio).length;
globalThis.Twilio = { ...require(twilioPath), Response: class { setStatusCode(code) { this.statusCode = code; } setBody() {} appendHeader() {} } };
const t2 = process.hrtime.bigint();
Promise.resolve(fn.handler({ PATH: '/probe' }, JSON.parse(eventJson), (error, payload) => {
  const xml = String(payload);
  const t3 = process.hrtime.bigint();
  process.stdout.write('\\nRESULT ' + JSON.stringify({
    loadMs: Number(t1 - t0) / 1e6,
    firstAnswerMs: Number(t3 - t2) / 1e6,
    twilioModulesAtLoad,
    // /events answers Event Streams with a status (403 here: the probe is unsigned), not TwiML.
    answered: error == null && (xml.includes('<Response') || typeof (payload && payload.statusCode) === 'number'),
  }));
}));
`;

interface ProbeResult {
  loadMs: number;
  firstAnswerMs: number;
  twilioModulesAtLoad: number;
  answered: boolean;
}

interface Bundle {
  /** e.g. `fallback.protected`, `bare`. */
  readonly name: string;
  readonly path: string;
  readonly baseline: boolean;
}

function listBundles(): Bundle[] {
  const from = (folder: string, baseline: boolean): Bundle[] =>
    readdirSync(join(PROJECT_ROOT, folder))
      .filter((file) => file.endsWith('.js'))
      .sort()
      .map((file) => ({
        name: basename(file, '.js'),
        path: join(PROJECT_ROOT, folder, file),
        baseline,
      }));
  // The bare Function is the cold-start baseline; bare-logged differs from it only
  // per request (part 1), not in what a cold start loads.
  const baselines = from('dist/bench-functions', true).filter((b) => b.name === 'bare');
  return [...from('dist/functions', false), ...baselines];
}

async function probe(bundle: Bundle): Promise<ProbeResult> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['-e', PROBE, bundle.path, require.resolve('twilio'), JSON.stringify(VOICE_FALLBACK_PARAMS)],
    { cwd: PROJECT_ROOT, timeout: 30000, encoding: 'utf8' },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT ')) ?? '';
  return JSON.parse(line.slice('RESULT '.length)) as ProbeResult;
}

export async function measureColdLoad(sizes: BenchSizes): Promise<PartResult> {
  const figures: Figure[] = [];
  const targets: TargetCheck[] = [];
  const coldStart = new Map<string, Figure>();
  for (const bundle of listBundles()) {
    const runs: ProbeResult[] = [];
    for (let i = 0; i < sizes.coldRepetitions; i += 1) runs.push(await probe(bundle));
    const sizeKb = statSync(bundle.path).size / 1000;
    const twilioModules = Math.max(...runs.map((r) => r.twilioModulesAtLoad));
    const unanswered = runs.filter((r) => !r.answered).length;
    const prefix = `cold.${bundle.name}`;
    const total: Figure = {
      id: `${prefix}.load-and-first-answer`,
      label: `${bundle.name}: require + first answer in a fresh process (median of ${runs.length})`,
      value: roundFigure(median(runs.map((r) => r.loadMs + r.firstAnswerMs))),
      unit: 'ms',
    };
    coldStart.set(bundle.name, total);
    figures.push(
      {
        id: `${prefix}.size`,
        label: `${bundle.name}: bundle size`,
        value: roundFigure(sizeKb),
        unit: 'kB',
      },
      {
        id: `${prefix}.require`,
        label: `${bundle.name}: require only (median)`,
        value: roundFigure(median(runs.map((r) => r.loadMs))),
        unit: 'ms',
      },
      total,
      {
        id: `${prefix}.twilio-modules-at-load`,
        label: `${bundle.name}: twilio modules loaded by requiring the bundle`,
        value: twilioModules,
        unit: 'modules',
      },
      {
        id: `${prefix}.unanswered`,
        label: `${bundle.name}: probes without an answer (TwiML, or a status for /events)`,
        value: unanswered,
        unit: 'runs',
      },
    );
    if (!bundle.baseline) {
      targets.push({
        id: `bundle.${bundle.name}`,
        target: `${bundle.name} bundle ≤ ${MAX_BUNDLE_KB} kB and no twilio load at module start`,
        actual: `${roundFigure(sizeKb)} kB, ${twilioModules} twilio modules at load`,
        met: sizeKb <= MAX_BUNDLE_KB && twilioModules === 0 && unanswered === 0,
      });
    }
  }
  const bare = coldStart.get('bare');
  const ratios: Ratio[] = [];
  if (bare) {
    for (const [name, figure] of coldStart) {
      if (name === 'bare') continue;
      const ratio = ratioOf(
        `ratio.cold.${name}-over-bare`,
        `${name} / bare Function, cold require + first answer`,
        figure,
        bare,
      );
      ratios.push({ ...ratio, value: roundFigure(ratio.value) });
    }
  }
  return {
    figures,
    ratios,
    targets,
    notes: [
      'Cold load: `node -e` probe per run; the timed part is require(bundle) + the first handler call with a voice fallback event; `twilio` (which the runtime preloads) is loaded untimed after the check of require.cache.',
    ],
  };
}
