/**
 * Reads a V8 CPU profile (`node --cpu-prof`, the `.cpuprofile` JSON that Chrome
 * DevTools opens) into the two views `bench/profile-fallback.ts` prints: where the
 * CPU time went by function (self time), and how much time each function and what
 * it called took (inclusive time, each sample counted once per function).
 */

/** The parts of a `.cpuprofile` this reads (Chrome DevTools Protocol `Profiler.Profile`). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
    readonly children?: readonly number[];
  }[];
  /** Node id of each sample. */
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, one per sample. */
  readonly timeDeltas: readonly number[];
}

export interface FrameTime {
  /** `functionName file:line:column`, with paths shortened to the project or the package. */
  readonly frame: string;
  readonly ms: number;
  /** Of every sampled millisecond in the profile. */
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Highest self time first. */
  readonly self: readonly FrameTime[];
  /** Highest inclusive time first. */
  readonly inclusive: readonly FrameTime[];
}

/** Shortens `file:///…/node_modules/express/lib/x.js` to `express/lib/x.js`, and a project path to its relative path. */
function frameName(
  callFrame: CpuProfile['nodes'][number]['callFrame'],
  projectRoot: string,
): string {
  const url = callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(`${projectRoot}/`, '');
  const where =
    url === '' ? '(native)' : `${url}:${callFrame.lineNumber}:${callFrame.columnNumber}`;
  return `${callFrame.functionName || '(anonymous)'} ${where}`;
}

export function summarizeCpuProfile(profile: CpuProfile, projectRoot: string): ProfileSummary {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const names = new Map(
    profile.nodes.map((node) => [node.id, frameName(node.callFrame, projectRoot)]),
  );
  const selfUs = new Map<string, number>();
  const inclusiveUs = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((nodeId, index) => {
    const deltaUs = Math.max(0, profile.timeDeltas[index] ?? 0);
    totalUs += deltaUs;
    const name = names.get(nodeId);
    if (name === undefined) return;
    selfUs.set(name, (selfUs.get(name) ?? 0) + deltaUs);
    // Once per function per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      const frame = names.get(id);
      if (frame === undefined || seen.has(frame)) continue;
      seen.add(frame);
      inclusiveUs.set(frame, (inclusiveUs.get(frame) ?? 0) + deltaUs);
    }
  });
  const ranked = (times: Map<string, number>): FrameTime[] =>
    [...times]
      .map(([frame, us]) => ({ frame, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }))
      .sort((a, b) => b.ms - a.ms);
  return { totalMs: totalUs / 1000, self: ranked(selfUs), inclusive: ranked(inclusiveUs) };
}
