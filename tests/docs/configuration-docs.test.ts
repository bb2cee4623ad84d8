/**
 * Every variable the Functions read is documented, with the words, format and default
 * src/config holds, in .env.example and docs/configuration.md: both are what `npm run docs:config`
 * renders, so a changed default or a new variable cannot go undocumented.
 */
import { readFileSync } from 'node:fs';
import {
  currentBlocks,
  renderConfigurationTable,
  renderEnvExample,
} from '../../scripts/config-docs';
import { variables } from '../../src/config/variables';
import { ENV_EXAMPLE_PATH } from '../../scripts/config-docs';

const envExample = readFileSync(ENV_EXAMPLE_PATH, 'utf8');

it('the docs/configuration.md table is the one `npm run docs:config` renders', () => {
  expect(currentBlocks().table).toBe(renderConfigurationTable());
});

it('the .env.example variable block is the one `npm run docs:config` renders', () => {
  expect(currentBlocks().envExample).toBe(renderEnvExample());
});

it.each(Object.values(variables).map((variable) => [variable.name]))(
  '%s has a docs/configuration.md row and a documented .env.example entry',
  (name) => {
    expect(renderConfigurationTable()).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
    expect(envExample).toMatch(
      new RegExp(
        `# description: .{10,}\\n# format: .+\\n# required: (true|false)\\n(# .+\\n)*${name}=`,
      ),
    );
  },
);

it('.env.example assigns no value, so no secret can be committed through it', () => {
  for (const line of envExample.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    expect(line).toMatch(/^[A-Z][A-Z0-9_]*=$/);
  }
});
