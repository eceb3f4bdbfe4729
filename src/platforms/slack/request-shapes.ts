// The shapes of the Slack requests this app acts on, with the fields its listeners read. Bolt
// and the listeners trust these fields; anything signed that lacks them is answered 400 before
// Bolt sees it, and anything of a kind the app never acts on is acknowledged and ignored.
import { z } from 'zod';
import { isUnfitBody } from '../body-hygiene.ts';

const id = z.string().min(1).max(255);
const user = z.object({ id, team_id: z.string().max(255).nullish() }).passthrough();
const team = z.object({ id }).passthrough().nullish();
const state = z.object({ values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))) }).passthrough();
const view = z.object({ id, callback_id: z.string().max(255), hash: z.string().nullish(), private_metadata: z.string().nullish(), state: state.nullish() }).passthrough();
/** Where Bolt's respond() posts: an http(s) URL, never free text. */
const responseUrl = z.url({ protocol: /^https?$/ }).max(2000);
const action = z.object({ action_id: id, value: z.string().nullish() }).passthrough();

const INTERACTIONS = {
  block_actions: z.object({ user, team, actions: z.array(action).min(1).max(25), trigger_id: z.string().nullish(), response_url: responseUrl.nullish(), view: view.nullish(), channel: z.object({ id }).passthrough().nullish(), message: z.object({ ts: id }).passthrough().nullish() }).passthrough(),
  view_submission: z.object({ user, team, view: view.extend({ state }) }).passthrough(),
  view_closed: z.object({ user, team, view }).passthrough(),
  shortcut: z.object({ user, team, callback_id: id, trigger_id: id }).passthrough(),
  message_action: z.object({ user, team, callback_id: id, trigger_id: id }).passthrough(),
  block_suggestion: z.object({ user, team, action_id: id, value: z.string().max(2000).nullish(), view: view.nullish() }).passthrough(),
} as const;

/** Events the app listens to, with what their listeners read. */
const EVENTS: Record<string, z.ZodType> = {
  team_join: z.object({ user: z.object({ id, is_bot: z.boolean().nullish() }).passthrough() }).passthrough(),
  app_home_opened: z.object({ user: id, tab: z.string().nullish() }).passthrough(),
  // message.im: a typed direct message (to the person's feedback form, else the commands).
  message: z.object({ channel_type: z.string().max(40).nullish(), channel: z.string().max(255).nullish(), user: z.string().max(255).nullish(), text: z.string().max(40_000).nullish(), subtype: z.string().max(100).nullish(), bot_id: z.string().max(255).nullish() }).passthrough(),
};

const eventCallback = z.object({ team_id: id, event_id: z.string().max(255).nullish(), event: z.object({ type: id }).passthrough() }).passthrough();
const command = z.object({ command: id, user_id: id, team_id: id, trigger_id: z.string().max(255), text: z.string().max(10_000).nullish(), response_url: responseUrl, channel_id: z.string().max(255).nullish() }).passthrough();

export type Verdict = 'pass' | 'ignore' | 'invalid';

const verdict = (schema: z.ZodType, body: unknown): Verdict => (schema.safeParse(body).success ? 'pass' : 'invalid');

function eventVerdict(body: Record<string, unknown>): Verdict {
  const parsed = eventCallback.safeParse(body);
  if (!parsed.success) return 'invalid';
  const schema = EVENTS[parsed.data.event.type];
  return schema ? verdict(schema, parsed.data.event) : 'ignore';
}

/** What to do with a signed, parsed Slack request: hand it to Bolt, acknowledge and ignore it, or refuse it (400). */
export function judgeSlackRequest(body: unknown, ourCommand: string): Verdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || isUnfitBody(body)) return 'invalid';
  const fields = body as Record<string, unknown>;
  const type = fields.type;
  if (type === undefined && 'command' in fields) {
    if (!command.safeParse(fields).success) return 'invalid';
    return fields.command === ourCommand ? 'pass' : 'ignore';
  }
  if (typeof type !== 'string' || type === '') return 'invalid';
  if (type === 'url_verification') return typeof fields.challenge === 'string' ? 'pass' : 'invalid';
  if (type === 'ssl_check') return 'pass';
  if (type === 'event_callback') return eventVerdict(fields);
  if (Object.hasOwn(INTERACTIONS, type)) return verdict(INTERACTIONS[type as keyof typeof INTERACTIONS], fields);
  return 'ignore';
}
