/**
 * `npm run build`: bundles each Function into one self-contained file (see
 * scripts/function-bundles.ts for why), from a clean dist/.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleOptions, FUNCTION_SETS, PROJECT_ROOT } from './function-bundles';

async function main(): Promise<void> {
  rmSync(join(PROJECT_ROOT, 'dist'), { recursive: true, force: true });
  for (const set of FUNCTION_SETS) {
    const options = bundleOptions(set);
    if (!options) continue;
    await build(options);
    const count = Array.isArray(options.entryPoints) ? options.entryPoints.length : 0;
    console.log(`built ${count} Function(s) into ${set.to}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
