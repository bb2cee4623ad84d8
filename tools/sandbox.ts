/** `npm run sandbox`: an offline Twilio account for trying audit, configure and probe. */
import { startSandbox } from './sandbox/sandbox-command';

startSandbox(process.argv.slice(2), (text) => process.stdout.write(text)).then(
  (started) => {
    if (typeof started === 'number') {
      process.exitCode = started;
      return;
    }
    const stop = () => void started.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(
      `sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
