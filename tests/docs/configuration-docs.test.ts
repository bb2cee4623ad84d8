/** Every variable the Functions read is documented in .env.example and the README. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { variables } from '../../src/config/variables';
import { PROJECT_ROOT } from '../support/dev-server';

const envExample = readFileSync(resolve(PROJECT_ROOT, '.env.example'), 'utf8');
const readme = readFileSync(resolve(PROJECT_ROOT, 'README.md'), 'utf8');

describe.each(Object.values(variables).map((variable) => [variable.name, variable] as const))(
  '%s',
  (name, variable) => {
    it('is documented in .env.example with description, format and required', () => {
      const block = new RegExp(
        `# description: .+\\n# format: .+\\n# required: (true|false)\\n(# .+\\n)*${name}=`,
      );
      expect(envExample).toMatch(block);
    });

    it('has a row in the README configuration table', () => {
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
      expect(variable.description.length).toBeGreaterThan(10);
    });
  },
);

it('.env.example assigns no value that looks like a secret', () => {
  for (const line of envExample.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    expect(line).toMatch(/^[A-Z][A-Z0-9_]*=$/);
  }
});
