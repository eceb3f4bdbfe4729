// Malformed Slack requests and Teams activities for the fuzz test: real shapes from Slack's and
// Microsoft's documentation, each broken in one to three random places (a field removed, set to
// null, to the wrong type, to a long or odd text), plus bodies broken as a whole. Seeded, so a
// failure can be replayed. Every text carries MARKER, so the test can tell if a body leaks.
export const MARKER = 'Fuzz-Kari-Nordmann-7f3a';

export type Random = () => number;

/** mulberry32: small, fast and good enough to pick mutations. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ODD_VALUES: ((random: Random) => unknown)[] = [
  () => null,
  () => undefined,
  () => 0,
  () => -1.5,
  () => true,
  () => '',
  () => MARKER,
  () => `${MARKER} ${'x'.repeat(5_000)}`,
  () => `<!channel> <@U1> ${MARKER} \u0000\u202e æøå 😀`,
  () => [],
  () => [MARKER, null, 3],
  () => ({}),
  () => ({ [MARKER]: { nested: [MARKER] } }),
  (random) => Math.floor(random() * 1e12),
];

/** Every path to a value in a JSON tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

/** The value with one place broken: removed, or replaced by an odd value. */
export function breakOnce(value: unknown, random: Random): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const candidates = paths(copy).filter((path) => path.length > 0);
  if (candidates.length === 0) return pick(random, ODD_VALUES)(random);
  const path = pick(random, candidates);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (random() < 0.3 && !Array.isArray(parent)) delete parent[last];
  else parent[last] = pick(random, ODD_VALUES)(random);
  return copy;
}

export function breakSome(value: unknown, random: Random): unknown {
  let broken = value;
  const times = 1 + Math.floor(random() * 3);
  for (let i = 0; i < times; i += 1) broken = breakOnce(broken, random);
  return broken;
}

export interface RawRequest {
  body: string;
  contentType: string;
}

const TEAM = { id: 'T1', domain: 'alumni' };
const USER = { id: 'UKARI', username: 'kari', team_id: 'T1' };
const VIEW_STATE = { values: { title: { title: { type: 'plain_text_input', value: MARKER } }, purposes: { purposes: { type: 'multi_static_select', selected_options: [{ value: 'mentoring' }] } } } };

function view(callbackId: string): Record<string, unknown> {
  return { id: 'V1', team_id: 'T1', type: 'modal', callback_id: callbackId, private_metadata: MARKER, state: VIEW_STATE, hash: 'h' };
}

/** Valid Slack requests of every kind the app sees, as Slack's documentation shows them. */
export function slackSamples(fakeUrl: string): { kind: 'json' | 'payload' | 'form'; body: Record<string, unknown> }[] {
  const action = (actionId: string) => ({ type: 'button', action_id: actionId, block_id: 'b1', value: MARKER, text: { type: 'plain_text', text: MARKER }, action_ts: '1.1' });
  return [
    { kind: 'form', body: { token: 'legacy', team_id: 'T1', team_domain: 'alumni', channel_id: 'CSTAFF', user_id: 'UKARI', user_name: 'kari', command: '/alumni', text: `profile ${MARKER}`, api_app_id: 'A1', response_url: `${fakeUrl}/response/fuzz`, trigger_id: 'trigger-1' } },
    { kind: 'payload', body: { type: 'block_actions', team: TEAM, user: USER, api_app_id: 'A1', trigger_id: 't', response_url: `${fakeUrl}/response/fuzz`, container: { type: 'message', message_ts: '1.1', channel_id: 'DKARI' }, channel: { id: 'DKARI' }, message: { ts: '1.1', text: MARKER }, actions: [action('invitation_accept')] } },
    { kind: 'payload', body: { type: 'block_actions', team: TEAM, user: USER, api_app_id: 'A1', trigger_id: 't', container: { type: 'view', view_id: 'VHOME' }, view: { ...view(''), type: 'home' }, actions: [action('profile_edit')] } },
    { kind: 'payload', body: { type: 'view_submission', team: TEAM, user: USER, api_app_id: 'A1', trigger_id: 't', view: view('post_request') } },
    { kind: 'payload', body: { type: 'view_submission', team: TEAM, user: USER, api_app_id: 'A1', trigger_id: 't', view: view('give_consent') } },
    { kind: 'payload', body: { type: 'view_submission', team: TEAM, user: USER, api_app_id: 'A1', trigger_id: 't', view: view('edit_profile') } },
    { kind: 'payload', body: { type: 'view_closed', team: TEAM, user: USER, api_app_id: 'A1', view: view('post_request'), is_cleared: false } },
    { kind: 'payload', body: { type: 'shortcut', team: TEAM, user: USER, api_app_id: 'A1', callback_id: 'request_alumni', trigger_id: 't', action_ts: '1.1' } },
    { kind: 'payload', body: { type: 'block_suggestion', team: TEAM, user: USER, api_app_id: 'A1', action_id: 'programmeId', block_id: 'programmeId', value: MARKER, container: { type: 'view', view_id: 'V1' }, view: view('post_request') } },
    { kind: 'json', body: { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvFUZZ', event_time: 1, event: { type: 'team_join', user: { id: 'UNEW', name: MARKER, is_bot: false } } } },
    { kind: 'json', body: { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvFUZZ2', event_time: 1, event: { type: 'app_home_opened', user: 'UKARI', channel: 'DKARI', tab: 'home' } } },
    { kind: 'json', body: { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvFUZZ3', event_time: 1, event: { type: 'message', user: 'UKARI', text: MARKER, channel: 'C1', ts: '1.1' } } },
    { kind: 'json', body: { token: 'legacy', type: 'url_verification', challenge: MARKER } },
  ];
}

/** A sample encoded as Slack sends it. */
export function encodeSlack(kind: 'json' | 'payload' | 'form', body: unknown): RawRequest {
  if (kind === 'json') return { body: JSON.stringify(body) ?? '', contentType: 'application/json' };
  if (kind === 'payload') return { body: `payload=${encodeURIComponent(JSON.stringify(body) ?? '')}`, contentType: 'application/x-www-form-urlencoded' };
  const fields = typeof body === 'object' && body !== null ? Object.entries(body).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : (JSON.stringify(value) ?? '')]) : [];
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Bodies broken as a whole: not JSON, not an object, empty, the wrong content type, repeated fields. */
export function brokenSlackBodies(): RawRequest[] {
  return [
    { body: `{"type":"event_callback","event":{"text":"${MARKER}"`, contentType: 'application/json' },
    { body: 'null', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '"text"', contentType: 'application/json' },
    { body: '', contentType: 'application/json' },
    { body: '', contentType: 'application/x-www-form-urlencoded' },
    { body: 'payload=null', contentType: 'application/x-www-form-urlencoded' },
    { body: `payload=%7B${MARKER}`, contentType: 'application/x-www-form-urlencoded' },
    { body: 'payload=a&payload=b', contentType: 'application/x-www-form-urlencoded' },
    { body: `command=/alumni&command=/alumni&user_id=U1&team_id=T1&trigger_id=t&text=${MARKER}`, contentType: 'application/x-www-form-urlencoded' },
    { body: `type=block_actions&text=${MARKER}`, contentType: 'text/plain' },
    { body: JSON.stringify({ type: 'event_callback', event: { type: 'team_join', user: MARKER } }), contentType: 'application/x-www-form-urlencoded' },
  ];
}

/** Valid Teams activities of the kinds Teams sends, as Microsoft's documentation shows them. */
export function teamsSamples(serviceUrl: string): Record<string, unknown>[] {
  const base = {
    channelId: 'msteams', serviceUrl, timestamp: '2026-11-29T10:00:00.000Z', locale: 'en-US',
    from: { id: '29:fuzz', aadObjectId: 'aad-fuzz', name: MARKER },
    recipient: { id: '28:alumni-bot', name: 'Alumni Bridge' },
    conversation: { id: 'a:personal-aad-fuzz', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
  };
  return [
    { ...base, type: 'message', id: 'f1', text: `help ${MARKER}` },
    { ...base, type: 'message', id: 'f2', text: 'profil' },
    { ...base, type: 'message', id: 'f3', value: { action: 'give_consent', value: '', purposes: `mentoring,${MARKER}` } },
    { ...base, type: 'message', id: 'f4', value: { action: 'invitation_accept', value: MARKER } },
    { ...base, type: 'message', id: 'f5', value: { action: 'edit_profile', value: '', expertise: MARKER, languages: 'nb', maxAsksPerTerm: '2' } },
    { ...base, type: 'message', id: 'f6', text: `admin grant staff ${MARKER}@example.org` },
    { ...base, type: 'conversationUpdate', id: 'f7', membersAdded: [{ id: '28:alumni-bot' }], from: { id: '29:fuzz', aadObjectId: 'aad-fuzz' } },
    { ...base, type: 'conversationUpdate', id: 'f8', conversation: { id: '19:staff@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, eventType: 'channelCreated', channel: { id: '19:new', name: MARKER }, team: { id: '19:team' } } },
    { ...base, type: 'message', id: 'f9', text: `<at>Alumni Bridge</at> request ${MARKER}`, conversation: { id: '19:staff@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team' }, channel: { id: '19:staff@thread.tacv2' } } },
    { ...base, type: 'invoke', id: 'f10', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: MARKER, data: { text: MARKER } }, trigger: 'manual' } },
    { ...base, type: 'invoke', id: 'f11', name: 'composeExtension/query', value: { commandId: 'search', parameters: [{ name: 'q', value: MARKER }] } },
    { ...base, type: 'invoke', id: 'f12', name: 'task/fetch', value: { data: { text: MARKER } } },
    { ...base, type: 'invoke', id: 'f13', name: 'fileConsent/invoke', value: { type: 'fileUpload', action: 'accept', context: MARKER } },
    { ...base, type: 'messageReaction', id: 'f14', reactionsAdded: [{ type: 'like' }], replyToId: '1' },
    { ...base, type: 'installationUpdate', id: 'f15', action: 'add' },
    { ...base, type: 'typing', id: 'f16' },
    { ...base, type: 'event', id: 'f17', name: 'application/vnd.microsoft.meetingStart', value: { Title: MARKER } },
    { ...base, type: 'message', id: 'f18', text: 'hjelp', deliveryMode: 'expectReplies' },
  ];
}

/** Activity bodies broken as a whole. */
export function brokenTeamsBodies(): RawRequest[] {
  return [
    { body: `{"type":"message","text":"${MARKER}"`, contentType: 'application/json' },
    { body: 'null', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '"message"', contentType: 'application/json' },
    { body: '', contentType: 'application/json' },
    { body: JSON.stringify({ type: 'message', text: MARKER }), contentType: 'text/plain' },
    { body: `type=message&text=${MARKER}`, contentType: 'application/x-www-form-urlencoded' },
  ];
}
