// The real service on a fresh PostgreSQL database, as in test/support/slack-service.ts, but with
// the production answer mode (Slack is acknowledged before the listener finishes) and a logger
// whose every line the test can read. Teams runs in local mode against a fake Bot Connector.
import { loadConfig } from '../../../src/config.ts';
import { runSteps } from '../../../src/lifecycle.ts';
import { startService, type RunningService } from '../../../src/service.ts';
import { importTestFaculty } from '../../support/faculty.ts';
import { FakeConnector, teamsActivity } from '../../support/fake-connector.ts';
import { FAKE_TOKEN, FakeSlack } from '../../support/fake-slack.ts';
import { collectingLogger, silentLogger } from '../../support/logger.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { SIGNING_SECRET } from '../../support/slack-requests.ts';

export interface TrustHarness {
  service: RunningService;
  slack: FakeSlack;
  connector: FakeConnector;
  base: string;
  databaseEnv: Record<string, string>;
  /** Every log line the service wrote, as text. */
  logText(): string;
  stop(): Promise<void>;
}

export async function startTrustHarness(env: Record<string, string> = {}, options: { processBeforeResponse?: boolean } = {}): Promise<TrustHarness> {
  const testDb = await createTestDatabase();
  const slack = await new FakeSlack().start();
  const connector = await new FakeConnector().start();
  const databaseEnv = { DATABASE_URL: testDb.url };
  await importTestFaculty(databaseEnv);
  const config = loadConfig({
    ...databaseEnv,
    PORT: '0',
    SLACK_BOT_TOKEN: FAKE_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
    ADMIN_EMAILS: 'kari@uni.example',
    SLACK_CHANNEL_RATE: '100',
    SLACK_WORKSPACE_RATE: '1000',
    ...env,
  });
  const { logger, lines } = collectingLogger('debug');
  const service = await startService(config, logger, {
    slack: { processBeforeResponse: options.processBeforeResponse ?? false, botUserId: 'UBOT', botId: 'BBOT' },
    dispatcher: { pollMs: 50 },
  });
  return {
    service,
    slack,
    connector,
    base: `http://127.0.0.1:${service.port}`,
    databaseEnv,
    logText: () => lines().map((line) => JSON.stringify(line)).join('\n'),
    async stop() {
      await runSteps(silentLogger(), service.stopSteps);
      await slack.stop();
      await connector.stop();
      await testDb.drop();
    },
  };
}

export type ActivityFields = Parameters<typeof teamsActivity>[1];

/** Posts a Teams activity (as the Bot Framework would, in local mode) and answers with the HTTP response. */
export function postActivity(base: string, activity: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
}

/** What the bot sent into one conversation (replies, updates), as text, newest last. */
export function sentTo(connector: FakeConnector, conversationId: string): string[] {
  return connector.activitiesIn(conversationId).map((call) => JSON.stringify(call.body));
}
