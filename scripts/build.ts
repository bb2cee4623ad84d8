/**
 * Bundles each Function into one self-contained file.
 *
 * A deployed Function is stored as a lone file named by its SID, so a relative
 * `require` of a sibling (../src/...) would not resolve there: everything a
 * Function uses is bundled into it. `twilio` stays external and is never
 * imported for its value: the runtime already provides the global `Twilio`.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

/** Source folder of Functions → folder their bundles go to. */
const FUNCTION_SETS: readonly { from: string; to: string }[] = [
  // What `twilio-run deploy` uploads (.twilioserverlessrc points at dist/functions).
  { from: 'functions', to: 'dist/functions' },
  // Baselines for `npm run bench` only; never deployed.
  { from: 'bench/functions', to: 'dist/bench-functions' },
];

async function main(): Promise<void> {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  for (const set of FUNCTION_SETS) {
    const dir = join(root, set.from);
    let entries: string[];
    try {
      entries = readdirSync(dir).filter((file) => file.endsWith('.ts'));
    } catch {
      continue;
    }
    await build({
      entryPoints: entries.map((file) => join(dir, file)),
      outdir: join(root, set.to),
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['twilio'],
      legalComments: 'none',
      // Bundles are loaded on every cold start: drop whitespace and fold syntax,
      // but keep identifiers so a stack trace in the Function logs stays readable.
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'warning',
    });
    console.log(`built ${entries.length} Function(s) into ${set.to}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
