/**
 * jest's node environment, plus one check when a test file is done (after its own
 * afterAll hooks, passed or failed): a server still listening or a child process
 * still running that the file started fails that file, named. The global teardown
 * catches what outlives the workers; this names the file that left it.
 */
import { TestEnvironment } from 'jest-environment-node';

/** Handles that mean "still listening" or "still running". */
const WATCHED = ['TCPServerWrap', 'PipeServerWrap', 'ProcessWrap'] as const;

/** Closing and exiting are reported a tick or two late; give them this long. */
const SETTLE_MS = 2000;

function counts(): Map<string, number> {
  const found = new Map<string, number>();
  for (const resource of process.getActiveResourcesInfo()) {
    if ((WATCHED as readonly string[]).includes(resource)) {
      found.set(resource, (found.get(resource) ?? 0) + 1);
    }
  }
  return found;
}

/** What is open now that was not when the file started, e.g. ["1 TCPServerWrap"]. */
function grownSince(baseline: Map<string, number>): string[] {
  const now = counts();
  return WATCHED.flatMap((name) => {
    const extra = (now.get(name) ?? 0) - (baseline.get(name) ?? 0);
    return extra > 0 ? [`${extra} ${name}`] : [];
  });
}

export default class LeakCheckingEnvironment extends TestEnvironment {
  private baseline = new Map<string, number>();

  override async setup(): Promise<void> {
    await super.setup();
    this.baseline = counts();
  }

  override async teardown(): Promise<void> {
    const deadline = Date.now() + SETTLE_MS;
    let grown = grownSince(this.baseline);
    while (grown.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      grown = grownSince(this.baseline);
    }
    await super.teardown();
    if (grown.length > 0) {
      const error = new Error(
        `this test file left ${grown.join(', ')} open (TCPServerWrap: a listening server, ` +
          'ProcessWrap: a child process): close and await them in afterAll/afterEach',
      );
      error.stack = error.message; // where the check ran says nothing about the leak
      throw error;
    }
  }
}
