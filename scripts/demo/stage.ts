// The demo's world: a fresh embedded database in its own temporary folder, the example faculty
// and 200 invented alumni imported by the real CLI, the real service with Slack pointed at a
// local fake Slack and Teams at a local fake Bot Connector, and a clock the story can move on.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { memoryIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { runSteps } from '../../src/lifecycle.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { PROJECT_ROOT } from '../../src/paths.ts';
import type { Clock } from '../../src/ports.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { FakeConnector } from '../../test/support/fake-connector.ts';
import { FAKE_TOKEN, FakeSlack } from '../../test/support/fake-slack.ts';
import { SIGNING_SECRET } from '../../test/support/slack-requests.ts';
import { demoAlumniCsv } from './alumni.ts';

/** Real time, moved forward when the story says "a month later". */
export class DemoClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface Stage {
  service: RunningService;
  slack: FakeSlack;
  connector: FakeConnector;
  base: string;
  clock: DemoClock;
  logFile: string;
  stop(): Promise<void>;
}

export const ADMIN_EMAIL = 'kari.admin@faculty.example';

/** `npm run cli -- <argv>` in-process on the demo's database; returns what it printed. */
async function cli(env: Record<string, string>, argv: string[], files: Record<string, string>): Promise<string> {
  const io = memoryIo(files);
  const code = await runCli(argv, io, env);
  if (code !== 0) throw new Error(`npm run cli -- ${argv.join(' ')} exited ${code}: ${io.stderr.join('\n')}`);
  return io.stdout.join('\n');
}

/** Imports the example units and programmes and the 200 alumni; returns the CLI's own words. */
export async function importFaculty(dataDir: string, workDir: string): Promise<string[]> {
  const env = { DATA_DIR: dataDir, DEFAULT_LOCALE: 'en' };
  const alumni = path.join(workDir, 'demo-alumni.csv');
  const files = { [alumni]: demoAlumniCsv(200) };
  const out: string[] = [];
  for (const [command, file] of [['import-units', 'examples/units.csv'], ['import-programmes', 'examples/programmes.csv'], ['import-alumni', alumni]] as const) {
    const output = await cli(env, [command, path.isAbsolute(file) ? file : path.join(PROJECT_ROOT, file)], files);
    out.push(`$ npm run cli -- ${command} ${path.isAbsolute(file) ? path.basename(file) : file}`, ...output.split('\n').filter(Boolean).map((line) => `  ${line}`));
  }
  return out;
}

export async function startStage(dataDir: string, workDir: string, options: { port: number }): Promise<Stage> {
  const slack = await new FakeSlack().start();
  const connector = await new FakeConnector().start();
  const logFile = path.join(workDir, 'service.log');
  const logger: Logger = createLogger('info', createWriteStream(logFile));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(options.port),
    DEFAULT_LOCALE: 'en',
    SLACK_BOT_TOKEN: FAKE_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
    ADMIN_EMAILS: ADMIN_EMAIL,
    SLACK_CHANNEL_RATE: '100',
    SLACK_WORKSPACE_RATE: '1000',
    WORKING_HOURS: 'always',
  });
  const service = await startService(config, logger, { slack: { processBeforeResponse: true, botUserId: 'UBOT', botId: 'BBOT' }, dispatcher: { pollMs: 50 } });
  const clock = new DemoClock();
  service.ctx.clock = clock;
  return {
    service,
    slack,
    connector,
    base: `http://127.0.0.1:${service.port}`,
    clock,
    logFile,
    async stop() {
      await runSteps(logger, service.stopSteps);
      await slack.stop();
      await connector.stop();
    },
  };
}
