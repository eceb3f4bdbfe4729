// The demo's story, played through chat exactly as people would: signed Slack requests and Bot
// Framework activities to the real service, over HTTP. Each step prints what people saw.
import { randomUUID } from 'node:crypto';
import { teamsActivity } from '../../test/support/fake-connector.ts';
import { blockAction, postCommand, postEvent, postInteraction, slashCommand, stateValues, TEAM, viewSubmission } from '../../test/support/slack-requests.ts';
import { demoAlumni, STORY_ALUMNI } from './alumni.ts';
import { ADMIN_EMAIL, type Stage } from './stage.ts';
import type { Transcript } from './transcript.ts';

const DAY = 86_400_000;
const TITLE = 'Guest lecture: nudges in tax policy';
const KARI = { id: 'UKARI', name: 'Kari (admin, Slack)' };
const NINA = { id: 'UNINA', name: 'Nina (staff, Slack)' };
const [INGRID, KWAME, SOFIE, LENA] = STORY_ALUMNI.map((a) => ({ ...a, userId: `29:${a.teamsId || a.slackId}` })) as [Alumnus, Alumnus, Alumnus, Alumnus];
type Alumnus = (typeof STORY_ALUMNI)[number] & { userId: string };

interface SlackMessage {
  channel: string;
  ts: string;
  blocks: unknown[];
  metadata?: unknown;
}

/** Waits (bounded) until `check` returns a value. */
async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`the demo waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const json = (value: unknown) => JSON.stringify(value);
const buttonValue = (message: { blocks: unknown[] }, actionId: string) => new RegExp(`"action_id":"${actionId}","value":"([^"]*)"`).exec(json(message.blocks))?.[1];

export async function playStory(stage: Stage, t: Transcript): Promise<void> {
  const { slack, connector, base } = stage;
  let counter = 0;
  const teams = (who: Alumnus, fields: Partial<Parameters<typeof teamsActivity>[1]>) =>
    fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(teamsActivity(connector.url, { id: `demo-${(counter += 1)}`, type: 'message', userId: who.userId, aadObjectId: who.teamsId, name: who.name, locale: 'en-US', ...fields })) });
  const command = (userId: string, text: string) => postCommand(base, slashCommand(slack.url, userId, text));
  const press = (userId: string, actionId: string, message: SlackMessage) =>
    postInteraction(base, blockAction(slack.url, userId, actionId, buttonValue(message, actionId) ?? '', { channel: message.channel, ts: message.ts }));
  const current = (message: SlackMessage) => slack.messages.get(`${message.channel}/${message.ts}`) as SlackMessage;
  const dms = (userId: string) => slack.messagesIn(`D${userId.slice(1)}`) as SlackMessage[];
  const settle = async () => {
    await waitFor('the outbox to empty', async () => {
      stage.service.dispatcher?.kick();
      const soon = new Date(stage.clock.now().getTime() + 3_000);
      const due = await stage.service.database.prisma.outboxMessage.count({ where: { state: 'pending', nextAttemptAt: { lte: soon } } });
      return due === 0 ? true : undefined;
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
  };

  slack.addUser({ id: KARI.id, name: 'Kari', email: ADMIN_EMAIL, locale: 'en-GB' });
  slack.addUser({ id: NINA.id, name: 'Nina', email: 'nina.staff@faculty.example', locale: 'en-GB' });
  for (const a of demoAlumni()) {
    if (a.slackId) t.names.set(a.slackId, `${a.name} (Slack)`);
    if (a.teamsId) t.names.set(`a:personal-${a.teamsId}`, `${a.name} (Teams)`);
  }
  t.names.set(KARI.id, KARI.name).set(NINA.id, NINA.name).set('CSTAFF', '#staff (Slack channel)');
  for (const a of [INGRID, KWAME]) {
    slack.addUser({ id: a.slackId, name: a.name, email: a.email, locale: 'en-GB' });
    t.names.set(a.slackId, `${a.name} (alumna/alumnus, Slack)`);
  }
  for (const a of [SOFIE, LENA]) {
    connector.addMember({ id: a.userId, aadObjectId: a.teamsId, name: a.name, email: a.email });
    t.names.set(`a:personal-${a.teamsId}`, `${a.name} (alumna/alumnus, Teams)`);
  }

  t.step('Sofie and Lena, imported with their Teams ids and consent, install the app in Teams');
  for (const a of [SOFIE, LENA]) await teams(a, { type: 'conversationUpdate', membersAdded: [{ id: '28:alumni-bot' }] });

  t.step('Kari, the admin, makes Nina staff: /alumni admin grant staff @Nina');
  await command(KARI.id, 'admin grant staff <@UNINA|nina>');

  t.step('Nina opens the request form in #staff: /alumni request');
  await command(NINA.id, 'request');
  const modal = json(await waitFor('the request form', () => slack.callsTo('views.open').at(-1)?.params.view));
  const option = (label: string) => new RegExp(`"value":"([0-9a-f-]+)","text":\\{"type":"plain_text","text":"${label}"`).exec(modal)?.[1];

  t.step(`Nina fills it in ("${TITLE}", behavioural economics, 2 people) and posts it`);
  const now = stage.clock.now().getTime();
  const startsAt = now + 30 * DAY;
  await postInteraction(base, viewSubmission(NINA.id, 'post_request', stateValues({
    title: { type: 'plain_text_input', value: TITLE },
    type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
    unitId: { type: 'static_select', selected_option: { value: option('Department of Economics') ?? option('Økonomisk institutt') } },
    programmeId: { type: 'static_select', selected_option: { value: option("Master's programme in Economics") ?? option('Masterprogram i samfunnsøkonomi') } },
    description: { type: 'plain_text_input', value: 'Ninety minutes for second-year master students.' },
    expertise: { type: 'plain_text_input', value: 'behavioural economics' },
    startsAt: { type: 'datetimepicker', selected_date_time: Math.floor(startsAt / 1000) },
    format: { type: 'static_select', selected_option: { value: 'campus' } },
    needed: { type: 'number_input', value: '2' },
    replyBy: { type: 'datepicker', selected_date: new Date(now + 10 * DAY).toISOString().slice(0, 10) },
    channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
  })));
  const card = await waitFor('the request card in #staff', () => (slack.messagesIn('CSTAFF') as (SlackMessage & { thread_ts?: string })[]).find((m) => !m.thread_ts));
  const invitation = (userId: string) => dms(userId).find((m) => json(m.metadata ?? '').includes(':invite'));
  const slackInvite = await waitFor('an invitation on Slack', () => [INGRID, KWAME].map((a) => ({ a, m: invitation(a.slackId) })).find((x) => x.m));
  const teamsInvite = await waitFor('an invitation on Teams', () =>
    [SOFIE, LENA].map((a) => ({ a, call: connector.activitiesIn(`a:personal-${a.teamsId}`).find((c) => json(c.body).includes('"action":"invitation_accept"')) })).find((x) => x.call));
  await settle();

  t.step(`${slackInvite.a.name} says yes in Slack`);
  await press(slackInvite.a.slackId, 'invitation_accept', slackInvite.m!);
  await settle();

  t.step(`${teamsInvite.a.name} says yes in Teams; the request is filled`);
  const accept = /"action":"invitation_accept","value":"([0-9a-f-]+)"/.exec(json(teamsInvite.call!.body))?.[1];
  await teams(teamsInvite.a, { value: { action: 'invitation_accept', value: accept }, replyToId: teamsInvite.call!.activityId ?? 'activity-1' });
  await settle();

  t.step('A month later, the lecture has been held: Nina presses "Mark as held" on the request card');
  stage.clock.advance(startsAt + 2 * 3_600_000 - stage.clock.now().getTime());
  await press(NINA.id, 'request_complete', current(card));
  await settle();

  t.step(`${slackInvite.a.name} answers the feedback form in Slack, one question at a time`);
  await answerForm(slackInvite.a.slackId);
  t.step(`${teamsInvite.a.name} pauses the Teams feedback form for later: "stop"`);
  await teams(teamsInvite.a, { text: 'stop' });
  await settle();

  t.step('Kari previews the weekly digest: /alumni admin digest preview');
  await command(KARI.id, 'admin digest preview');
  await settle();
  t.collect();

  /** Presses the middle button or types an answer until the form is sent (at most 15 turns). */
  async function answerForm(userId: string): Promise<void> {
    let seen = '';
    for (let turn = 0; turn < 15; turn += 1) {
      const latest = await waitFor('a feedback question', () => {
        const message = dms(userId).at(-1);
        return message && `${message.ts}${json(message.blocks)}` !== seen ? message : undefined;
      });
      seen = `${latest.ts}${json(latest.blocks)}`;
      const buttons = [...json(latest.blocks).matchAll(/"action_id":"(form_[a-z_0-9]+)"/g)].map((m) => m[1]!);
      if (buttons.includes('form_submit')) {
        await press(userId, 'form_submit', latest);
        await settle();
        return;
      }
      const answers = buttons.filter((id) => id.startsWith('form_answer_'));
      if (answers.length > 0) await press(userId, answers[Math.floor((answers.length - 1) / 2)]!, latest);
      else await say(userId, 'The students asked great questions.');
      await settle();
    }
    throw new Error('the feedback form did not end within 15 answers');
  }

  async function say(userId: string, text: string): Promise<void> {
    const event = { type: 'message', channel_type: 'im', channel: `D${userId.slice(1)}`, user: userId, text, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` };
    await postEvent(base, { token: 'x', team_id: TEAM.id, api_app_id: 'A1', type: 'event_callback', event_id: `Ev${randomUUID()}`, event_time: Math.floor(Date.now() / 1000), event });
  }
}
