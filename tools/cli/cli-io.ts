import type RequestClient from 'twilio/lib/base/RequestClient';

/** What a command-line run touches outside itself; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The process environment (`.env` in `cwd` fills the gaps). */
  readonly env: Record<string, string | undefined>;
  /** The project folder: where `.env` and `.twiliodeployinfo` are read from. */
  readonly cwd: string;
  /** twilio-node HTTP client; tests route it to loopback stand-ins. */
  readonly httpClient?: RequestClient;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
}
