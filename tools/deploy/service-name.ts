import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The Serverless Service name `npm run deploy` (twilio-run deploy) creates: its
 * `--service-name`, else the `name` of package.json in the project folder (twilio-run
 * 5, config/utils/service-name.js). `configured` is the audit's --service-name.
 */
export function deployServiceName(cwd: string, configured: string | undefined): string {
  if (configured) return configured;
  for (const dir of [cwd, resolve(__dirname, '..', '..')]) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name;
  }
  return 'twilio-fallback-guard';
}
