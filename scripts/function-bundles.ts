/**
 * How each Function is bundled into one self-contained file: shared by
 * `npm run build` (scripts/build.ts) and the watch mode of `npm run dev`
 * (scripts/local-server.ts), so both produce the same bundles.
 *
 * A deployed Function is stored as a lone file named by its SID, so a relative
 * `require` of a sibling (../src/...) would not resolve there: everything a
 * Function uses is bundled into it. `twilio` stays external and is never
 * imported for its value: the runtime already provides the global `Twilio`.
 */
import type { BuildOptions } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..');

export interface FunctionSet {
  /** Folder of TypeScript Functions, relative to the project root. */
  readonly from: string;
  /** Folder their bundles go to. */
  readonly to: string;
}

/** What `twilio-run deploy` uploads (.twilioserverlessrc points at dist/functions). */
export const DEPLOYED_FUNCTIONS: FunctionSet = { from: 'functions', to: 'dist/functions' };

/** Source folder of Functions → folder their bundles go to. */
export const FUNCTION_SETS: readonly FunctionSet[] = [
  DEPLOYED_FUNCTIONS,
  // Baselines for `npm run bench` only; never deployed.
  { from: 'bench/functions', to: 'dist/bench-functions' },
];

/** esbuild options for one set, or undefined when its folder does not exist. */
export function bundleOptions(set: FunctionSet): BuildOptions | undefined {
  const dir = join(PROJECT_ROOT, set.from);
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((file) => file.endsWith('.ts'));
  } catch {
    return undefined;
  }
  return {
    entryPoints: entries.map((file) => join(dir, file)),
    outdir: join(PROJECT_ROOT, set.to),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['twilio'],
    legalComments: 'none',
    // Bundles are loaded on every cold start, and each must stay under 50 kB (the
    // `npm run bench` target): full minification. Short identifiers cost no
    // readable log: the handlers catch every failure and log its message only,
    // never a stack (src/runtime/run-safely.ts). esbuild's keepNames would put the
    // names back for stack traces, at ~2.7 kB and a defineProperty per function
    // at every cold start.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    logLevel: 'warning',
  };
}
