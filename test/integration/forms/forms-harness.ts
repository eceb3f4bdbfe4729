// The real service on a fresh database with fake Slack (and Teams at /api/messages), a clock the
// test moves, and a restart on the same database. People type in their DM with the bot
// (`message.im` events, signed like Slack's), press buttons, and read what they were sent.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../src/config.ts';
import { runSteps } from '../../../src/lifecycle.ts';
import { startService } from '../../../src/service.ts';
import { eventually } from '../../support/eventually.ts';
import { importTestFaculty } from '../../support/faculty.ts';
import { FAKE_TOKEN, FakeSlack } from '../../support/fake-slack.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { postCommand, postEvent, postInteraction, SIGNING_SECRET, slashCommand, stateValues, TEAM, viewSubmission } from '../../support/slack-requests.ts';
import type { SlackHarness } from '../../support/slack-service.ts';
import { Life, readable, type SlackMessage } from '../lifecycle/lifecycle-harness.ts';

export const DAY = 86_400_000;

export class FormsLife extends Life {
  private constructor(
    h: SlackHarness,
    private readonly boot: () => ReturnType<typeof startService>,
  ) {
    super(h);
  }

  static async begin(): Promise<FormsLife> {
    const db = await createTestDatabase();
    const slack = await new FakeSlack().start();
    const database = { DATABASE_URL: db.url };
    await importTestFaculty(database);
    const config = loadConfig({
      ...database,
      PORT: '0',
      SLACK_BOT_TOKEN: FAKE_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      ADMIN_EMAILS: 'kari@uni.example',
      SLACK_CHANNEL_RATE: '100',
      SLACK_WORKSPACE_RATE: '1000',
      WORKING_HOURS: 'always',
    });
    const boot = () => startService(config, silentLogger(), { slack: { processBeforeResponse: true, botUserId: 'UBOT', botId: 'BBOT' }, dispatcher: { pollMs: 50 } });
    const service = await boot();
    const prisma = service.database.prisma;
    const h: SlackHarness = {
      service,
      slack,
      base: `http://127.0.0.1:${service.port}`,
      unitId: (await prisma.unit.findUnique({ where: { code: 'ECON' } }))?.id ?? '',
      programmeId: (await prisma.programme.findUnique({ where: { code: 'MSC-ECON' } }))?.id ?? '',
      databaseEnv: database,
      async stop() {
        await runSteps(silentLogger(), h.service.stopSteps);
        await slack.stop();
        await db.drop();
      },
    };
    return new FormsLife(h, boot);
  }

  /** Stops the service (as a deploy would) and starts a new one on the same database. */
  async restart(): Promise<void> {
    await runSteps(silentLogger(), this.h.service.stopSteps);
    this.h.service = await this.boot();
    this.h.base = `http://127.0.0.1:${this.h.service.port}`;
    this.h.service.ctx.clock = this.clock;
  }

  private posted = 0;

  /** Kari posts a request from the Slack form (each submission its own view, so none is taken for a retry). */
  override async post(fields: { title?: string; needed?: number; replyInDays?: number; startsInDays?: number } = {}): Promise<SlackMessage> {
    const now = this.clock.now().getTime();
    const before = this.h.slack.messagesIn('CSTAFF').filter((message) => !message.thread_ts).length;
    const values = stateValues({
      title: { type: 'plain_text_input', value: fields.title ?? 'Gjesteforelesning om skatt' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: this.h.unitId } },
      description: { type: 'plain_text_input', value: 'Nitti minutter for andreårsstudenter.' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((now + (fields.startsInDays ?? 30) * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'digital' } },
      needed: { type: 'number_input', value: String(fields.needed ?? 1) },
      replyBy: { type: 'datepicker', selected_date: new Date(now + (fields.replyInDays ?? 10) * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
    });
    const submission = viewSubmission('UKARI', 'post_request', values);
    const response = await postInteraction(this.h.base, { ...submission, view: { ...submission.view, id: `VPOST${(this.posted += 1)}` } });
    expect(await response.text()).toBe('');
    return eventually(() => {
      const cards = this.h.slack.messagesIn('CSTAFF').filter((message) => !message.thread_ts);
      expect(cards.length).toBeGreaterThan(before);
      return cards.at(-1)!;
    });
  }

  /** The person types a message in their DM with the bot. */
  async say(userId: string, text: string): Promise<void> {
    const event = { type: 'message', channel_type: 'im', channel: `D${userId.slice(1)}`, user: userId, text, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` };
    const response = await postEvent(this.h.base, { token: 'x', team_id: TEAM.id, api_app_id: 'A1', type: 'event_callback', event_id: `Ev${randomUUID()}`, event_time: Math.floor(Date.now() / 1000), event });
    expect(response.status).toBe(200);
  }

  /** `/alumni <text>`; returns the ephemeral answer. */
  async command(userId: string, text: string): Promise<string> {
    const before = this.h.slack.responses.length;
    expect((await postCommand(this.h.base, slashCommand(this.h.slack.url, userId, text))).status).toBe(200);
    return eventually(() => {
      const answer = this.h.slack.responses.slice(before).map((r) => String(r.body.text ?? '')).at(-1);
      expect(answer).toBeDefined();
      return answer!;
    });
  }

  /** The newest DM to the user that says this (waiting for it), and that has these buttons if given. */
  async question(userId: string, text: string): Promise<SlackMessage> {
    return eventually(() => {
      const found = this.dm(userId).filter((message) => readable(message).includes(text) && readable(message).includes('"action_id":"form_')).at(-1);
      expect(found).toBeDefined();
      return found!;
    }, 10_000);
  }
}

/** Button labels of a Slack message, in order. */
export function buttonLabels(message: SlackMessage): string[] {
  return [...JSON.stringify(message.blocks).matchAll(/"type":"button","action_id":"[a-z_0-9]+","value":"[^"]*","text":\{"type":"plain_text","text":"([^"]*)"/g)].map((m) => m[1]!);
}
