// The pure parts of the trust boundary: what a Slack request must look like, how names and
// locales are made safe, which tenants' e-mails count, the configuration's ranges, and what an
// error may say in a log.
import { ConfigError, loadConfig, teamsEmailTenants } from '../../../src/config.ts';
import { cleanLocale, cleanName } from '../../../src/app/support/identity.ts';
import { DeadlineExceeded, withinDeadline } from '../../../src/deadline.ts';
import { routeProcessWarnings, safeError, throttledWarning } from '../../../src/logger.ts';
import { judgeSlackRequest } from '../../../src/platforms/slack/request-shapes.ts';
import { collectingLogger } from '../../support/logger.ts';

const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
};

describe('Slack request shapes', () => {
  const user = { id: 'U1', team_id: 'T1' };
  const view = { id: 'V1', callback_id: 'post_request', hash: 'h', state: { values: { title: { title: { type: 'plain_text_input', value: 'x' } } } } };

  it.each([
    ['a slash command of this app', { command: '/alumni', user_id: 'U1', team_id: 'T1', trigger_id: 't', text: 'help', response_url: 'https://hooks.slack.com/commands/1' }, 'pass'],
    ['a slash command of another app', { command: '/other', user_id: 'U1', team_id: 'T1', trigger_id: 't', response_url: 'https://hooks.slack.com/commands/1' }, 'ignore'],
    ['a button press', { type: 'block_actions', user, team: { id: 'T1' }, actions: [{ action_id: 'invitation_accept', value: 'x' }] }, 'pass'],
    ['a modal submission', { type: 'view_submission', user, team: null, view }, 'pass'],
    ['an event the app listens to', { type: 'event_callback', team_id: 'T1', event_id: 'E1', event: { type: 'team_join', user: { id: 'U1' } } }, 'pass'],
    ['an event it does not', { type: 'event_callback', team_id: 'T1', event: { type: 'reaction_added' } }, 'ignore'],
    ['a kind it never offers', { type: 'dialog_submission', user }, 'ignore'],
    ['the URL check', { type: 'url_verification', challenge: 'c' }, 'pass'],
  ])('passes or ignores %s', (_label, body, expected) => {
    expect(judgeSlackRequest(body, '/alumni')).toBe(expected);
  });

  it.each([
    ['null', null],
    ['an array', [1]],
    ['no type', {}],
    ['a null event', { type: 'event_callback', team_id: 'T1', event: null }],
    ['team_join without a user', { type: 'event_callback', team_id: 'T1', event: { type: 'team_join', user: null } }],
    ['app_home_opened with a user object', { type: 'event_callback', team_id: 'T1', event: { type: 'app_home_opened', user: { id: 'U1' } } }],
    ['block_actions without actions', { type: 'block_actions', user, actions: null }],
    ['block_actions without a user', { type: 'block_actions', actions: [{ action_id: 'a' }] }],
    ['a modal submission without a view', { type: 'view_submission', user, view: null }],
    ['a modal submission with a field that is not an object', { type: 'view_submission', user, view: { ...view, state: { values: { title: { title: 'x' } } } } }],
    ['a command with a repeated field', { command: ['/alumni', '/alumni'], user_id: 'U1', team_id: 'T1', trigger_id: 't' }],
    ['a URL check without a challenge', { type: 'url_verification' }],
    ['a command whose response URL is not a URL', { command: '/alumni', user_id: 'U1', team_id: 'T1', trigger_id: 't', response_url: 'Kari Nordmann' }],
    ['a text with a NUL character', { type: 'block_actions', user, actions: [{ action_id: 'a', value: 'a\u0000b' }] }],
    ['a body nested deeper than any payload', { type: 'block_actions', user, actions: [{ action_id: 'a', value: 'x', deep: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) }] }],
  ])('refuses %s', (_label, body) => {
    expect(judgeSlackRequest(body, '/alumni')).toBe('invalid');
  });
});

describe('names and locales from a platform', () => {
  it('keeps names to 200 characters without control characters, and never empty', () => {
    expect(cleanName(`  Kari\u0000 Nordmann\n `)).toBe('Kari Nordmann');
    expect(Array.from(cleanName('😀'.repeat(300)) ?? '')).toHaveLength(200);
    expect(cleanName('   ')).toBeNull();
    expect(cleanName(42)).toBeNull();
  });

  it('keeps language tags at a subtag boundary within 20 characters, and drops what is not one', () => {
    expect(cleanLocale('en-US')).toBe('en-US');
    expect(cleanLocale('en-GB-x-a-very-long-private-use-tag')).toBe('en-GB-x-a-very-long');
    expect(cleanLocale('nb_NO')).toBe('nb-NO');
    expect(cleanLocale('<script>')).toBeNull();
    expect(cleanLocale(null)).toBeNull();
  });
});

describe('Teams tenants whose e-mail counts, and where the server listens', () => {
  it('counts your own tenant, else the served tenants; in local development without an app id, any', () => {
    const base = { allowedTenants: [] as string[], appType: 'SingleTenant' as const };
    expect(teamsEmailTenants({ ...base, appId: 'a', tenantId: 'own', allowedTenants: ['own', 'partner'] })).toEqual(['own']);
    expect(teamsEmailTenants({ ...base, appId: 'a', allowedTenants: ['t1', 't2'] })).toEqual(['t1', 't2']);
    expect(teamsEmailTenants({ ...base })).toBe('any');
  });

  it('listens on loopback while Teams runs unauthenticated, unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production' }).host).toBeUndefined();
    expect(loadConfig({ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' }).host).toBeUndefined();
    expect(problems({ HOST: 'http://x:80' })).toContain('HOST must be an IP address or a host name');
  });

  it('needs the served tenants with MultiTenant, and names the range of a number that is out of it', () => {
    expect(problems({ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'MultiTenant' })).toContain('TEAMS_ALLOWED_TENANTS is required when MICROSOFT_APP_TYPE is MultiTenant');
    expect(problems({ PORT: '70000' })).toBe('PORT must be a whole number from 0 to 65535');
    expect(problems({ OUTBOX_LEASE_MS: '500' })).toBe('OUTBOX_LEASE_MS must be a whole number from 1000 to 3600000');
    expect(problems({ PORT: '3.5' })).toBe('PORT must be a whole number');
    expect(problems({ SLACK_CHANNEL_RATE: '5000' })).toBe('SLACK_CHANNEL_RATE must be at most 1000');
  });
});

describe('logs', () => {
  it('say what a Prisma error was about, without the values PostgreSQL quotes', () => {
    const prismaLike = Object.assign(new Error('\nInvalid `prisma.person.create()` invocation:\n\n  code excerpt\n\nInconsistent column data: Error creating UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by "Kari Nordmann"'), { name: 'PrismaClientKnownRequestError', code: 'P2023' });
    const logged = safeError(prismaLike);
    expect(logged).toMatchObject({ type: 'PrismaClientKnownRequestError', code: 'P2023' });
    expect(logged.message).toContain('Inconsistent column data');
    expect(JSON.stringify(logged)).not.toContain('Kari');
    expect(safeError({ message: 'plain object', code: 'E1' })).toEqual({ type: 'Object', message: 'plain object', code: 'E1' });
  });

  it('log a repeating warning once per interval, counting the rest', () => {
    const { logger, lines } = collectingLogger('info');
    const warn = throttledWarning(logger, 'refused', 60_000);
    for (let i = 0; i < 50; i += 1) warn();
    expect(lines().filter((line) => line.msg === 'refused')).toHaveLength(1);
  });

  it('turn Node warnings into log lines instead of text on stderr', async () => {
    const saved = process.listeners('warning');
    const { logger, lines } = collectingLogger('info');
    try {
      routeProcessWarnings(logger);
      process.emit('warning', Object.assign(new Error('Calling client.query() when the client is already executing a query is deprecated\nsecond line'), { name: 'DeprecationWarning', code: 'DEP_PG' }));
      expect(lines()).toEqual([expect.objectContaining({ level: 'warn', type: 'DeprecationWarning', code: 'DEP_PG' })]);
      expect(process.listeners('warning')).toHaveLength(1);
    } finally {
      process.removeAllListeners('warning');
      for (const listener of saved) process.on('warning', listener);
    }
  });
});

describe('deadlines', () => {
  it('stop waiting at the deadline, and still report a failure that comes later', async () => {
    const late: unknown[] = [];
    let fail: (error: Error) => void = () => undefined;
    const slow = new Promise<string>((_resolve, reject) => {
      fail = reject;
    });
    await expect(withinDeadline(slow, 10, 'slow work', (error) => late.push(error))).rejects.toBeInstanceOf(DeadlineExceeded);
    fail(new Error('gave up'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(late).toEqual([new Error('gave up')]);
    await expect(withinDeadline(Promise.resolve('quick'), 1_000, 'quick work', () => undefined)).resolves.toBe('quick');
  });
});
