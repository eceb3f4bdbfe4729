import { ConfigError, describeConfig, loadConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('starts with no variables at all: embedded database, Norwegian, Oslo time, Slack off', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.defaultLocale).toBe('nb');
    expect(config.timeZone).toBe('Europe/Oslo');
    expect(config.logLevel).toBe('info');
    expect(config.slack).toBeNull();
    expect(config.teams).toEqual({ allowedTenants: [], appId: undefined, appPassword: undefined, tenantId: undefined, appType: 'SingleTenant' });
  });

  it('treats empty values (as left in a copied .env file) as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: ' ', SLACK_BOT_TOKEN: '', DEFAULT_LOCALE: '' });
    expect(config.port).toBe(3978);
    expect(config.database.kind).toBe('pglite');
    expect(config.slack).toBeNull();
  });

  it('uses the PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://bot:pw@db.example:5432/alumni' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://bot:pw@db.example:5432/alumni' });
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number'],
    ['PORT', '70000', 'PORT'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['DEFAULT_LOCALE', 'sv', 'DEFAULT_LOCALE must be nb or en'],
    ['TIMEZONE', 'Mars/Olympus', 'TIMEZONE must be an IANA time zone'],
    ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL must be a postgres://'],
    ['SLACK_API_URL', 'ftp://slack', 'SLACK_API_URL must be an http(s) URL'],
    ['MICROSOFT_APP_TYPE', 'Anyone', 'MICROSOFT_APP_TYPE must be one of'],
  ])('refuses %s=%s, naming the variable', (name, value, expected) => {
    expect(problemsOf({ [name]: value }).join('\n')).toContain(expected);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });

  it('never repeats a value in its messages, so secrets pasted in the wrong place stay hidden', () => {
    const secret = 'xoxp-very-secret-user-token';
    const error = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: secret, DATABASE_URL: `mysql://u:${secret}@h/d`, SLACK_SIGNING_SECRET: 's' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toContain('SLACK_BOT_TOKEN must start with "xoxb-"');
    expect(error.message).not.toContain(secret);
  });

  it('needs a signing secret or an app token with the Slack bot token, and the reverse', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }).join()).toContain('SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is required');
    expect(problemsOf({ SLACK_SIGNING_SECRET: 'abc' }).join()).toContain('SLACK_BOT_TOKEN is required');
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api' });
    expect(config.slack).toEqual({ botToken: 'xoxb-1', signingSecret: undefined, appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('needs the password and tenant that the Teams app type requires', () => {
    const single = problemsOf({ MICROSOFT_APP_ID: 'app' }).join('\n');
    expect(single).toContain('MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_TYPE is SingleTenant');
    expect(single).toContain('MICROSOFT_APP_TENANT_ID is required');
    expect(problemsOf({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI' }).join()).not.toContain('PASSWORD');
    expect(loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'MultiTenant', TEAMS_ALLOWED_TENANTS: 't1' }).teams.appType).toBe('MultiTenant');
  });

  it('describes itself for the start log without any value that could be secret', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://bot:hunter2@db:5432/a',
      SLACK_BOT_TOKEN: 'xoxb-secret',
      SLACK_SIGNING_SECRET: 'signing-secret',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'app-password',
      MICROSOFT_APP_TENANT_ID: 'tenant',
    });
    const text = JSON.stringify(describeConfig(config));
    expect(text).toContain('"slack":"http"');
    for (const secret of ['hunter2', 'xoxb-secret', 'signing-secret', 'app-password']) expect(text).not.toContain(secret);
  });
});
