// The core stays platform-free because the linter refuses the imports, not because of review.
// ESLint loads its flat config with a dynamic import, which Jest's sandbox does not allow, so
// the snippets are linted in one child process with the project's real configuration.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

type Case = { file: string; code: string };

function lintAll(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: require('path').resolve(${JSON.stringify(root)}, c.file) });
        out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' })) as string[][];
}

const refused: [string, string][] = [
  ["import { App } from '@slack/bolt';", 'Slack'],
  ["import { CloudAdapter } from 'botbuilder';", 'Bot Framework'],
  ["import { PrismaClient } from '@prisma/client';", 'Database'],
  ["import { PrismaClient } from '../generated/prisma/client.ts';", 'Database'],
  ["import express from 'express';", 'HTTP'],
  ["import http from 'node:http';", 'HTTP'],
  ["import cron from 'node-cron';", 'Schedules'],
  ["import { openDatabase } from '../db/database.ts';", 'reach outwards'],
];

describe('architecture rules', () => {
  let results: string[][];

  beforeAll(() => {
    results = lintAll([
      ...refused.map(([code]) => ({ file: 'src/domain/example.ts', code: `${code}\nexport const x = 1;\n` })),
      { file: 'src/domain/example.ts', code: "import { z } from 'zod';\nimport { a } from './other.ts';\nexport const x = [z, a];\n" },
      { file: 'src/platforms/slack/x.ts', code: "import 'botbuilder';\n" },
      { file: 'src/platforms/teams/x.ts', code: "import '@prisma/client';\n" },
      { file: 'src/platforms/teams/x.ts', code: "import 'botbuilder';\n" },
    ]);
  }, 60_000);

  it.each(refused.map(([code, reason], index) => [code, reason, index] as const))('refuses `%s` in src/domain (%s)', (_code, reason, index) => {
    expect(results[index]?.join('\n')).toContain(reason);
  });

  it('lets the core import its own modules and plain libraries', () => {
    expect(results[refused.length]).toEqual([]);
  });

  it('keeps Bot Framework out of the Slack adapter, Prisma out of Teams, and lets Teams use botbuilder', () => {
    expect(results[refused.length + 1]).toHaveLength(1);
    expect(results[refused.length + 2]).toHaveLength(1);
    expect(results[refused.length + 3]).toEqual([]);
  });
});
