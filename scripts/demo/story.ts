// The demo's story, played through chat exactly as people would (see chat.ts). Each step prints
// what people saw since the step before.
import { postInteraction, stateValues, viewSubmission } from '../../test/support/slack-requests.ts';
import { demoAlumni, STORY_ALUMNI } from './alumni.ts';
import { Chat, json, waitFor, type SlackMessage, type TeamsPerson } from './chat.ts';
import { ADMIN_EMAIL, type Stage } from './stage.ts';
import type { Transcript } from './transcript.ts';

const DAY = 86_400_000;
const TITLE = 'Guest lecture: nudges in tax policy';
const KARI = { id: 'UKARI', name: 'Kari (admin, Slack)' };
const NINA = { id: 'UNINA', name: 'Nina (staff, Slack)' };
const PEOPLE = STORY_ALUMNI.map((a) => ({ ...a, userId: `29:${a.teamsId || a.slackId}` }));
const ON_SLACK = PEOPLE.filter((a) => a.slackId);
const ON_TEAMS = PEOPLE.filter((a) => a.teamsId);

/** The people: Slack and Teams accounts the fakes know, and the names the transcript shows. */
function cast(stage: Stage, t: Transcript): void {
  stage.slack.addUser({ id: KARI.id, name: 'Kari', email: ADMIN_EMAIL, locale: 'en-GB' });
  stage.slack.addUser({ id: NINA.id, name: 'Nina', email: 'nina.staff@faculty.example', locale: 'en-GB' });
  for (const a of demoAlumni()) {
    if (a.slackId) t.names.set(a.slackId, `${a.name} (Slack)`);
    if (a.teamsId) t.names.set(`a:personal-${a.teamsId}`, `${a.name} (Teams)`);
  }
  t.names.set(KARI.id, KARI.name).set(NINA.id, NINA.name).set('CSTAFF', '#staff (Slack channel)');
  for (const a of ON_SLACK) {
    stage.slack.addUser({ id: a.slackId, name: a.name, email: a.email, locale: 'en-GB' });
    t.names.set(a.slackId, `${a.name} (alumna/alumnus, Slack)`);
  }
  for (const a of ON_TEAMS) {
    stage.connector.addMember({ id: a.userId, aadObjectId: a.teamsId, name: a.name, email: a.email });
    t.names.set(`a:personal-${a.teamsId}`, `${a.name} (alumna/alumnus, Teams)`);
  }
}

/** Nina opens the form and posts a guest lecture for two; returns the card and when it starts. */
async function postRequest(chat: Chat): Promise<{ card: SlackMessage; startsAt: number }> {
  const { slack } = chat.stage;
  chat.t.step('Nina opens the request form in #staff: /alumni request');
  await chat.command(NINA.id, 'request');
  const modal = json(await waitFor('the request form', () => slack.callsTo('views.open').at(-1)?.params.view));
  const option = (label: string) => new RegExp(`"value":"([0-9a-f-]+)","text":\\{"type":"plain_text","text":"${label}"`).exec(modal)?.[1];
  chat.t.step(`Nina fills it in ("${TITLE}", behavioural economics, 2 people) and posts it`);
  const now = chat.stage.clock.now().getTime();
  const startsAt = now + 30 * DAY;
  await postInteraction(chat.stage.base, viewSubmission(NINA.id, 'post_request', stateValues({
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
  const card = await waitFor('the request card in #staff', () => (slack.messagesIn('CSTAFF') as SlackMessage[]).find((m) => !m.thread_ts));
  return { card, startsAt };
}

/** One alumnus says yes in Slack and one in Teams; returns who. */
async function sayYes(chat: Chat): Promise<{ onSlack: TeamsPerson; onTeams: TeamsPerson }> {
  const invitation = (userId: string) => chat.dms(userId).find((m) => json(m.metadata ?? '').includes(':invite'));
  const slackInvite = await waitFor('an invitation on Slack', () => ON_SLACK.map((a) => ({ a, m: invitation(a.slackId) })).find((x) => x.m));
  const teamsInvite = await waitFor('an invitation on Teams', () =>
    ON_TEAMS.map((a) => ({ a, call: chat.stage.connector.activitiesIn(`a:personal-${a.teamsId}`).find((c) => json(c.body).includes('"action":"invitation_accept"')) })).find((x) => x.call));
  await chat.settle();
  chat.t.step(`${slackInvite.a.name} says yes in Slack`);
  await chat.press(slackInvite.a.slackId, 'invitation_accept', slackInvite.m!);
  await chat.settle();
  chat.t.step(`${teamsInvite.a.name} says yes in Teams; the request is filled`);
  const accept = /"action":"invitation_accept","value":"([0-9a-f-]+)"/.exec(json(teamsInvite.call!.body))?.[1];
  await chat.teams(teamsInvite.a, { value: { action: 'invitation_accept', value: accept }, replyToId: teamsInvite.call!.activityId ?? 'activity-1' });
  await chat.settle();
  return { onSlack: slackInvite.a, onTeams: teamsInvite.a };
}

/** Presses the middle button or types an answer until the form is sent (at most 15 turns). */
async function answerForm(chat: Chat, userId: string): Promise<void> {
  let seen = '';
  for (let turn = 0; turn < 15; turn += 1) {
    const latest = await waitFor('a feedback question', () => {
      const message = chat.dms(userId).at(-1);
      return message && `${message.ts}${json(message.blocks)}` !== seen ? message : undefined;
    });
    seen = `${latest.ts}${json(latest.blocks)}`;
    const buttons = [...json(latest.blocks).matchAll(/"action_id":"(form_[a-z_0-9]+)"/g)].map((m) => m[1]!);
    if (buttons.includes('form_submit')) {
      await chat.press(userId, 'form_submit', latest);
      return chat.settle();
    }
    const answers = buttons.filter((id) => id.startsWith('form_answer_'));
    if (answers.length > 0) await chat.press(userId, answers[Math.floor((answers.length - 1) / 2)]!, latest);
    else await chat.say(userId, 'The students asked great questions.');
    await chat.settle();
  }
  throw new Error('the feedback form did not end within 15 answers');
}

/** The alumnus takes their data, then erases everything after the confirmation. */
async function dataAndErasure(chat: Chat, alumnus: TeamsPerson): Promise<void> {
  const { slack } = chat.stage;
  chat.t.step(`${alumnus.name} asks for their data in Slack: /alumni mydata`);
  await chat.command(alumnus.slackId, 'mydata');
  await chat.settle();
  chat.t.step(`${alumnus.name} erases everything: /alumni erase, then the confirmation button`);
  const before = slack.responses.length;
  await chat.command(alumnus.slackId, 'erase');
  const confirm = await waitFor('the erase confirmation', () => slack.responses.slice(before).find((r) => json(r.body).includes('"action_id":"erase_confirm"')));
  const value = /"action_id":"erase_confirm","value":"([^"]*)"/.exec(json(confirm.body))?.[1] ?? '';
  await chat.press(alumnus.slackId, 'erase_confirm', { channel: `D${alumnus.slackId.slice(1)}`, ts: '1.000001', blocks: [] }, value);
  await chat.settle();
}

export async function playStory(stage: Stage, t: Transcript): Promise<void> {
  const chat = new Chat(stage, t);
  cast(stage, t);
  t.step('Sofie and Lena, imported with their Teams ids and consent, install the app in Teams');
  for (const a of ON_TEAMS) await chat.teams(a, { type: 'conversationUpdate', membersAdded: [{ id: '28:alumni-bot' }] });
  t.step('Kari, the admin, makes Nina staff: /alumni admin grant staff @Nina');
  await chat.command(KARI.id, 'admin grant staff <@UNINA|nina>');
  const { card, startsAt } = await postRequest(chat);
  const { onSlack, onTeams } = await sayYes(chat);
  t.step('A month later, the lecture has been held: Nina presses "Mark as held" on the request card');
  stage.clock.advance(startsAt + 2 * 3_600_000 - stage.clock.now().getTime());
  await chat.press(NINA.id, 'request_complete', chat.current(card));
  await chat.settle();
  t.step(`${onSlack.name} answers the feedback form in Slack, one question at a time`);
  await answerForm(chat, onSlack.slackId);
  t.step(`${onTeams.name} pauses the Teams feedback form for later: "stop"`);
  await chat.teams(onTeams, { text: 'stop' });
  await chat.settle();
  t.step('Kari previews the weekly digest: /alumni admin digest preview');
  await chat.command(KARI.id, 'admin digest preview');
  await chat.settle();
  await dataAndErasure(chat, onSlack);
  t.collect();
}
