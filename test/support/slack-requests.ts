// Requests the way Slack sends them: signed with the signing secret (v0 HMAC-SHA256 over
// "v0:{timestamp}:{raw body}"), as JSON events, form-encoded commands, or payload= interactivity.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignOptions {
  timestamp?: number;
  secret?: string;
  omitHeaders?: boolean;
  headers?: Record<string, string>;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(baseUrl: string, body: string, contentType: string, options: SignOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
  if (!options.omitHeaders) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = sign(body, timestamp, options.secret);
  }
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
}

export function postEvent(baseUrl: string, payload: Record<string, unknown>, options: SignOptions = {}) {
  return postSigned(baseUrl, JSON.stringify(payload), 'application/json', options);
}

export function postCommand(baseUrl: string, fields: Record<string, string>, options: SignOptions = {}) {
  return postSigned(baseUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

export function postInteraction(baseUrl: string, payload: Record<string, unknown>, options: SignOptions = {}) {
  return postSigned(baseUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

export const TEAM = { id: 'T1', domain: 'alumni' };

export function slashCommand(fakeUrl: string, userId: string, text: string): Record<string, string> {
  return {
    token: 'legacy',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: 'CSTAFF',
    channel_name: 'staff',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/alumni',
    text,
    api_app_id: 'A1',
    response_url: `${fakeUrl}/response/cmd-${userId}`,
    trigger_id: `trigger-${userId}-${Date.now()}`,
  };
}

export function blockAction(fakeUrl: string, userId: string, actionId: string, value: string, message: { channel: string; ts: string }) {
  return {
    type: 'block_actions',
    team: TEAM,
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${userId}`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ts: message.ts, text: '' },
    response_url: `${fakeUrl}/response/action-${userId}`,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' }, action_ts: String(Date.now() / 1000) }],
  };
}

export function viewSubmission(userId: string, callbackId: string, values: Record<string, Record<string, unknown>>) {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${userId}`,
    view: { id: 'V1', team_id: TEAM.id, type: 'modal', callback_id: callbackId, private_metadata: '', state: { values }, hash: 'h' },
  };
}

/** view.state.values with each field's block_id and action_id set to its name. */
export function stateValues(fields: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { [name]: value }]));
}

/** A button pressed on a user's App Home tab: no response_url; the tab's inputs come as view.state.values. */
export function homeBlockAction(userId: string, actionId: string, value: string, values: Record<string, Record<string, unknown>> = {}) {
  return {
    type: 'block_actions',
    team: TEAM,
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${userId}-${Date.now()}`,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', team_id: TEAM.id, type: 'home', callback_id: '', private_metadata: '', state: { values }, hash: 'h' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' }, action_ts: String(Date.now() / 1000) }],
  };
}

/** What Slack sends while someone types in an external_select of an open modal. */
export function blockSuggestion(userId: string, callbackId: string, actionId: string, value: string) {
  return {
    type: 'block_suggestion',
    user: { id: userId, name: userId.toLowerCase(), team_id: TEAM.id },
    container: { type: 'view', view_id: 'V1' },
    api_app_id: 'A1',
    token: 'legacy',
    action_id: actionId,
    block_id: actionId,
    value,
    team: TEAM,
    view: { id: 'V1', team_id: TEAM.id, type: 'modal', callback_id: callbackId, private_metadata: '', state: { values: {} }, hash: 'h' },
  };
}
