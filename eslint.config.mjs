// One linter for the whole repository. Besides the usual rules it enforces the architecture:
// the core (src/domain) imports no platform or infrastructure code, and each platform SDK,
// Prisma and cron stay inside the one folder that owns them.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const slack = { group: ['@slack/*'], message: 'Slack code lives in src/platforms/slack.' };
const teams = { group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/*'], message: 'Bot Framework code lives in src/platforms/teams.' };
const prisma = { group: ['@prisma/*', 'prisma', 'prisma/*', '**/generated/prisma', '**/generated/prisma/*', 'pg', 'pglite-prisma-adapter', '@electric-sql/*'], message: 'Database code lives in src/db (repositories).' };
const http = { group: ['express', 'node:http', 'node:https', 'http', 'https', 'undici'], message: 'HTTP belongs to src/http and the platform adapters.' };
const cron = { group: ['node-cron'], message: 'Schedules live in src/jobs.' };
const infrastructure = { group: ['**/db/*', '**/platforms/*', '**/http/*', '**/jobs/*', '**/cli/*', '**/config', '**/logger'], message: 'The core must not reach outwards; depend on a port in src/ports.ts.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/', '.tmp/', 'src/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ['src/domain/**/*.ts'], rules: restrict(slack, teams, prisma, http, cron, infrastructure) },
  { files: ['src/app/**/*.ts'], rules: restrict(slack, teams, prisma, http, cron) },
  { files: ['src/platforms/slack/**/*.ts'], rules: restrict(teams, prisma) },
  { files: ['src/platforms/teams/**/*.ts'], rules: restrict(slack, prisma) },
  { files: ['src/jobs/**/*.ts', 'src/http/**/*.ts'], rules: restrict(slack, teams, prisma) },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { 'max-lines': 'off' } },
);
