// The Teams adapter: botbuilder's CloudAdapter at POST /api/messages on the shared server.
// With an app id, requests are authenticated (SingleTenant, UserAssignedMSI or MultiTenant).
// Without one, the endpoint runs unauthenticated for local development only (the Bot
// Framework Emulator convention) and answers only service URLs on loopback; in production
// without an app id, Teams stays off.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import express, { type Router } from 'express';
import type { TeamsConfig } from '../../config.ts';
import type { Messenger } from '../../ports.ts';
import { AlumniTeamsBot } from './bot.ts';
import type { TeamsDeps } from './context.ts';
import { TeamsMessenger } from './messenger.ts';
import { safeError } from '../../logger.ts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsPlatform {
  router: Router;
  messenger: Messenger;
}

function isLoopback(serviceUrl: unknown): boolean {
  try {
    const host = new URL(String(serviceUrl)).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** Why Teams cannot run with this configuration, or null when it can. */
export function teamsOffReason(config: TeamsConfig, nodeEnv: string): string | null {
  if (!config.appId && nodeEnv === 'production') return 'MICROSOFT_APP_ID is not set, and Teams never runs unauthenticated in production';
  return null;
}

export function createTeamsPlatform(config: TeamsConfig, deps: TeamsDeps): TeamsPlatform {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = config.appId
    ? { MicrosoftAppId: config.appId, MicrosoftAppPassword: config.appPassword, MicrosoftAppTenantId: config.tenantId, MicrosoftAppType: config.appType }
    : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(auth));
  adapter.onTurnError = async (_context, error) => {
    deps.logger.error({ err: safeError(error) }, 'Teams turn failed');
  };
  const bot = new AlumniTeamsBot(deps);
  const router = express.Router();
  router.post(TEAMS_MESSAGES_PATH, express.json({ limit: '256kb' }), async (req, res) => {
    const body = req.body as { serviceUrl?: unknown; type?: unknown } | undefined;
    if (!body || typeof body.type !== 'string') return void res.status(400).end();
    if (!config.appId && !isLoopback(body.serviceUrl)) return void res.status(401).end();
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return { router, messenger: new TeamsMessenger(adapter, config.appId ?? '', deps.refs) };
}
