// The real service on a fresh, empty PostgreSQL database (no units, no programmes, no roles),
// with Slack pointed at a local fake: a fresh install, set up by an admin from chat.
// kari@uni.example is in ADMIN_EMAILS.
import { loadConfig } from '../../src/config.ts';
import { runSteps } from '../../src/lifecycle.ts';
import { createLogger } from '../../src/logger.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { FAKE_TOKEN, FakeSlack } from './fake-slack.ts';
import { silentLogger } from './logger.ts';
import { createTestDatabase } from './postgres.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

export const ADMIN_EMAIL = 'kari@uni.example';

export interface FreshSlack {
  service: RunningService;
  slack: FakeSlack;
  base: string;
  stop(): Promise<void>;
}

export async function startFreshSlack(): Promise<FreshSlack> {
  const testDb = await createTestDatabase();
  const slack = await new FakeSlack().start();
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    PORT: '0',
    SLACK_BOT_TOKEN: FAKE_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
    ADMIN_EMAILS: ADMIN_EMAIL,
  });
  const service = await startService(config, process.env.TEST_LOG ? createLogger('error') : silentLogger(), {
    slack: { processBeforeResponse: true, botUserId: 'UBOT', botId: 'BBOT' },
    dispatcher: { pollMs: 50 },
  });
  return {
    service,
    slack,
    base: `http://127.0.0.1:${service.port}`,
    async stop() {
      await runSteps(silentLogger(), service.stopSteps);
      await slack.stop();
      await testDb.drop();
    },
  };
}
