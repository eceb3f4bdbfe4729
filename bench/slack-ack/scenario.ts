// What bench:slack-ack sends: signed Slack requests of three kinds, built before each round.
// - command: `/alumni help` from alumni the bot knows (the invitees below).
// - button: presses on REAL invitations (rows the running service wrote, messages it posted to
//   the fake Slack), by the invitee. Three in four are `invitation_more` (details; the message is
//   redrawn), one in four `invitation_accept` on a quarter of the invitations (the first press
//   accepts; later ones are answered "already answered", like a double click). Each request
//   asks for 40 and invites 120, so the accepts (about 30 per request) never fill it and every
//   press meets an open request.
// - modal: submissions of the request form (view_submission, callback post_request) by staff,
//   each a new view id, so each one posts a request: matching over the seeded alumni and writing
//   the request and its invitations happen before the answer.
// The invitations come from the same real path: `setupInvitations` submits request forms to the
// running service and waits until its outbox has delivered the invitations to the fake Slack.
import { blockAction, slashCommand, stateValues, viewSubmission } from '../../test/support/slack-requests.ts';
import type { BenchInvitation } from './fake-slack-server.ts';
import { formBody, interactionBody, prepare, type Prepared } from './sender.ts';

export const KINDS = ['command', 'button', 'modal'] as const;
export type Kind = (typeof KINDS)[number];

export const STAFF = Array.from({ length: 10 }, (_, i) => `USTAFF${i}`);
export const STAFF_EMAILS = STAFF.map((_, i) => `staff${i}@uni.example`).join(',');

const FORM = 'application/x-www-form-urlencoded';
const DAY = 86_400_000;
const TYPES = ['guest_lecture', 'mentoring', 'career_talk', 'evaluation_panel', 'thesis_topic', 'practice_placement'];
/** Expertise asked for: the seeded vocabulary's tags, from common (topic 0) to rarer. */
const TAGS = Array.from({ length: 40 }, (_, k) => `topic ${(k * 7) % 120}`);

export interface World {
  slackUrl: string;
  /** Programmes with their unit, as imported (for the form's unit and programme selects). */
  programmes: { id: string; unitId: string }[];
  invitations: BenchInvitation[];
  /** Alumni the bot knows (the invitees): they send the commands. */
  users: string[];
}

let views = 0;
let presses = 0;

/** The request form as Slack submits it, with the fields a member of staff fills in. */
function requestForm(world: World, i: number, needed: number, type = TYPES[i % TYPES.length]!): Record<string, unknown> {
  const programme = world.programmes[i % world.programmes.length]!;
  const values = stateValues({
    title: { type: 'plain_text_input', value: `Bench request ${i}` },
    type: { type: 'static_select', selected_option: { value: type } },
    unitId: { type: 'static_select', selected_option: { value: programme.unitId } },
    programmeId: { type: 'static_select', selected_option: { value: programme.id } },
    course: { type: 'plain_text_input', value: null },
    description: { type: 'plain_text_input', value: 'En time med andreårsstudentene.' },
    expertise: { type: 'plain_text_input', value: `${TAGS[i % TAGS.length]}, ${TAGS[(i + 3) % TAGS.length]}` },
    startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((Date.now() + 40 * DAY) / 1000) },
    format: { type: 'static_select', selected_option: { value: 'either' } },
    needed: { type: 'number_input', value: String(needed) },
    replyBy: { type: 'datepicker', selected_date: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) },
  });
  const payload = viewSubmission(STAFF[i % STAFF.length]!, 'post_request', values);
  views += 1;
  return { ...payload, view: { ...payload.view, id: `VBENCH${process.pid}x${views}` } };
}

/** `count` requests of one kind, signed now. Modal submissions are all distinct (a new view each). */
export function buildRequests(kind: Kind, world: World, count: number): Prepared[] {
  const out: Prepared[] = [];
  const accepting = world.invitations.filter((_, k) => k % 4 === 0);
  for (let i = 0; i < count; i += 1) {
    if (kind === 'command') {
      out.push(prepare(formBody(slashCommand(world.slackUrl, world.users[i % world.users.length]!, 'help')), FORM));
    } else if (kind === 'button') {
      presses += 1;
      const accept = presses % 4 === 0;
      const invitation = accept ? accepting[(presses / 4) % accepting.length]! : world.invitations[presses % world.invitations.length]!;
      const action = accept ? 'invitation_accept' : 'invitation_more';
      const payload = blockAction(world.slackUrl, invitation.user, action, invitation.buttons[action] ?? '', { channel: invitation.channel, ts: invitation.ts });
      out.push(prepare(interactionBody(payload), FORM));
    } else {
      out.push(prepare(interactionBody(requestForm(world, views, 1 + (views % 3))), FORM));
    }
  }
  return out;
}

/** Sends one prepared request; its status and body. */
async function sendOne(base: string, prepared: Prepared): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}/slack/events`, { method: 'POST', headers: prepared.headers, body: prepared.body });
  return { status: response.status, body: await response.text() };
}

/**
 * Makes every member of staff known to the service (a first `/alumni help` each), then posts
 * `requests` request forms (40 asked each, so 120 invitations with the default oversampling), trying a refused one again (on a busy machine a first contact can miss its
 * deadline), and waits until the fake Slack holds the invitations.
 */
export async function setupInvitations(base: string, world: Omit<World, 'invitations' | 'users'>, requests: number): Promise<BenchInvitation[]> {
  for (const staff of STAFF) await sendOne(base, prepare(formBody(slashCommand(world.slackUrl, staff, 'help')), FORM));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (let i = 0; i < requests; i += 1) {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await sendOne(base, prepare(interactionBody(requestForm({ ...world, invitations: [], users: [] }, i, 40, 'guest_lecture')), FORM));
      if (answer.status === 200 && answer.body === '') break;
      if (attempt === 5) throw new Error(`posting a request form failed 5 times: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  let found: BenchInvitation[] = [];
  let stableSince = Date.now();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = (await (await fetch(`${world.slackUrl}/bench/invitations`)).json()) as BenchInvitation[];
    if (now.length !== found.length) stableSince = Date.now();
    found = now;
    if (found.length > 0 && Date.now() - stableSince >= 3000) break;
  }
  if (found.length === 0) throw new Error('no invitation reached the fake Slack');
  return found;
}
