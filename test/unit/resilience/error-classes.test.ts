// Every platform failure lands in one of four classes (recipient, message, platform,
// transient), and "maybe sent" marks the ones where the message may have arrived anyway.
import { mayHaveArrived, MessengerError } from '../../../src/delivery/error-classes.ts';
import { toMessengerError as fromSlack } from '../../../src/platforms/slack/messenger.ts';
import { toMessengerError as fromTeams } from '../../../src/platforms/teams/messenger.ts';
import { inboxKey } from '../../../src/platforms/slack/inbox.ts';

const slackError = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });
const restError = (statusCode: number, code = '') => Object.assign(new Error('refused'), { name: 'RestError', statusCode, code });

describe('Slack errors by class', () => {
  it.each([
    ['user_not_found', 'recipient'],
    ['user_disabled', 'recipient'],
    ['channel_not_found', 'recipient'],
    ['is_archived', 'recipient'],
    ['invalid_blocks', 'message'],
    ['msg_too_long', 'message'],
    ['token_revoked', 'platform'],
    ['invalid_auth', 'platform'],
    ['account_inactive', 'platform'],
    ['missing_scope', 'platform'],
    ['internal_error', 'transient'],
    ['something_new', 'transient'],
  ])('%s is a %s error', (code, kind) => {
    expect(fromSlack(slackError(code)).kind).toBe(kind);
  });

  it('takes Retry-After from a rate limit, and knows a 5xx or a timeout may have sent the message', () => {
    expect(fromSlack({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toMatchObject({ kind: 'transient', retryAfterMs: 7000, maybeSent: false });
    expect(fromSlack({ code: 'slack_webapi_http_error', statusCode: 503 })).toMatchObject({ kind: 'transient', maybeSent: true });
    expect(fromSlack({ code: 'slack_webapi_http_error', statusCode: 401 })).toMatchObject({ kind: 'platform' });
    expect(fromSlack({ code: 'slack_webapi_request_error', original: Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }) })).toMatchObject({ kind: 'transient', maybeSent: true });
    const refused = { code: 'slack_webapi_request_error', original: new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }) };
    expect(fromSlack(refused)).toMatchObject({ kind: 'transient', maybeSent: false });
    expect(fromSlack(slackError('internal_error')).maybeSent).toBe(true);
  });
});

describe('Teams connector errors by class', () => {
  it.each([
    [401, '', 'platform'],
    [403, '', 'platform'],
    [403, 'ConversationBlockedByUser', 'recipient'],
    [404, '', 'recipient'],
    [400, 'BadArgument', 'message'],
    [413, '', 'message'],
    [412, '', 'transient'],
    [502, '', 'transient'],
  ])('HTTP %i %s is a %s error', (status, code, kind) => {
    expect(fromTeams(restError(status, code)).kind).toBe(kind);
  });

  it('reads a refused token as the platform, and a lost connection as maybe sent', () => {
    expect(fromTeams(Object.assign(new Error('AADSTS7000222: The provided client secret keys are expired.'), { errorCode: 'invalid_client' })).kind).toBe('platform');
    expect(fromTeams(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'transient', maybeSent: true });
    expect(fromTeams(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'transient', maybeSent: false });
  });

  it('keeps a classified error as it is', () => {
    const error = new MessengerError('recipient', 'not_installed');
    expect(fromTeams(error)).toBe(error);
    expect(fromSlack(error)).toBe(error);
  });
});

describe('what may have arrived', () => {
  it('counts connection failures before sending as not sent, anything else as maybe', () => {
    expect(mayHaveArrived(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toBe(false);
    expect(mayHaveArrived(new Error('socket hang up'))).toBe(true);
  });
});

describe('the Slack inbox key', () => {
  it('recognises a retried event by its event_id, and never takes two commands or interactions for one', () => {
    expect(inboxKey({ type: 'event_callback', event_id: 'Ev1' }, '')).toEqual({ key: 'event:Ev1', kind: 'event' });
    const command = { command: '/alumni', trigger_id: 't1' };
    expect(inboxKey(command, '')?.kind).toBe('command');
    expect(inboxKey(command, '')?.key).not.toBe(inboxKey(command, '')?.key);
    expect(inboxKey({ type: 'block_actions', trigger_id: 't' }, '')?.kind).toBe('interaction');
    expect(inboxKey({ type: 'url_verification', challenge: 'c' }, '')).toBeNull();
    expect(inboxKey({ type: 'block_suggestion' }, '')).toBeNull();
  });
});
