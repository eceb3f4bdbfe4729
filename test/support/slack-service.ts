// The real service on a fresh PostgreSQL database, with Slack pointed at a local fake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { runSteps } from '../../src/lifecycle.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { FAKE_TOKEN, FakeSlack } from './fake-slack.ts';
import { createLogger } from '../../src/logger.ts';
import { silentLogger } from './logger.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { SIGNING_SECRET } from './slack-requests.ts';
import { importTestFaculty } from './faculty.ts';

export interface SlackHarness {
  service: RunningService;
  slack: FakeSlack;
  base: string;
  unitId: string;
  programmeId: string;
  /** DATABASE_URL or DATA_DIR of the service's database, for running the CLI against it. */
  databaseEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * With `{ embedded: true }` the service runs on embedded PGlite in a temporary DATA_DIR. Unless
 * `{ faculty: false }`, the admin has imported one department (ECON) and one programme (MSC-ECON)
 * with the CLI before the start, as on a fresh install.
 */
export async function startSlackHarness(
  env: Record<string, string> = {},
  options: { embedded?: boolean; faculty?: boolean } = {},
  prepare: (slack: FakeSlack) => void = () => undefined,
): Promise<SlackHarness> {
  const dataDir = options.embedded ? mkdtempSync(path.join(tmpdir(), 'alumni-slack-')) : null;
  const testDb: TestDatabase = dataDir
    ? { name: 'embedded', url: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) }
    : await createTestDatabase();
  const slack = await new FakeSlack().start();
  prepare(slack);
  const database: Record<string, string> = dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: testDb.url };
  if (options.faculty !== false) await importTestFaculty(database);
  const config = loadConfig({
    ...database,
    PORT: '0',
    SLACK_BOT_TOKEN: FAKE_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
    ADMIN_EMAILS: 'kari@uni.example',
    SLACK_CHANNEL_RATE: '100',
    SLACK_WORKSPACE_RATE: '1000',
    // Invitations go out at once, whatever the time of day the tests run (quiet hours have their own tests).
    WORKING_HOURS: 'always',
    ...env,
  });
  const service = await startService(config, process.env.TEST_LOG ? createLogger('error') : silentLogger(), {
    slack: { processBeforeResponse: true, botUserId: 'UBOT', botId: 'BBOT' },
    dispatcher: { pollMs: 50 },
  });
  const prisma = service.database.prisma;
  const unit = await prisma.unit.findUnique({ where: { code: 'ECON' } });
  const programme = await prisma.programme.findUnique({ where: { code: 'MSC-ECON' } });
  return {
    service,
    slack,
    base: `http://127.0.0.1:${service.port}`,
    unitId: unit?.id ?? '',
    programmeId: programme?.id ?? '',
    databaseEnv: database,
    async stop() {
      await runSteps(silentLogger(), service.stopSteps);
      await slack.stop();
      await testDb.drop();
    },
  };
}
