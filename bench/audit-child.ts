/**
 * Runs one `audit --json` in a fresh process (spawned by bench/audit-scale.ts) so its
 * peak memory is the audit's alone, not the stand-in's. Prints one JSON line.
 */
import { auditOnce } from './audit-once';

void auditOnce(process.env).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
