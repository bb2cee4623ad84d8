/**
 * Every relative link between README.md and docs/ resolves: the file exists and, when
 * the link names an `#anchor`, the target has a heading with that anchor (GitHub's
 * slugs). And every page in docs/ is reachable from the README.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/dev-server';

const PAGES = [
  join(PROJECT_ROOT, 'README.md'),
  ...readdirSync(join(PROJECT_ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(PROJECT_ROOT, 'docs', file)),
];

/** Markdown outside fenced code blocks (a link-like text in a code sample is not a link). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(path: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(readFileSync(path, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = headingSlug(heading!);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

function relativeLinks(path: string): string[] {
  return [...prose(readFileSync(path, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

const links = PAGES.flatMap((page) =>
  relativeLinks(page).map((target) => [relative(PROJECT_ROOT, page), target] as const),
);

describe('links between README.md and docs/', () => {
  it('finds links to check', () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it.each(links)('%s → %s resolves', (page, target) => {
    const [file, anchor] = target.split('#') as [string, string | undefined];
    const targetPath =
      file === '' ? join(PROJECT_ROOT, page) : resolve(dirname(join(PROJECT_ROOT, page)), file);
    expect(existsSync(targetPath)).toBe(true);
    if (anchor !== undefined) expect([...anchorsOf(targetPath)]).toContain(anchor);
  });

  it('reaches every page in docs/ from the README', () => {
    const fromReadme = new Set(
      relativeLinks(join(PROJECT_ROOT, 'README.md')).map((target) =>
        resolve(PROJECT_ROOT, target.split('#')[0]!),
      ),
    );
    const unreached = PAGES.slice(1).filter((page) => !fromReadme.has(page));
    expect(unreached.map((page) => relative(PROJECT_ROOT, page))).toEqual([]);
  });
});

describe('headingSlug', () => {
  it.each([
    ['Fast failover, and its trade-off', 'fast-failover-and-its-trade-off'],
    ['Point a number: `npm run configure`', 'point-a-number-npm-run-configure'],
    [
      "Shadowing: when the number's URLs would be ignored",
      'shadowing-when-the-numbers-urls-would-be-ignored',
    ],
  ])('%s → %s', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });
});
