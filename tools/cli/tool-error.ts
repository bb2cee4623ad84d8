/**
 * An expected failure of a command-line run: printed as its one-line message (never
 * a stack trace) and mapped to the process exit code.
 */
export class ToolError extends Error {
  constructor(
    message: string,
    /** 1: the run failed; 2: usage (a bad or missing argument); 3: refused on purpose. */
    readonly exitCode: 1 | 2 | 3 = 1,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;
