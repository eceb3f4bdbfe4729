// The Teams adapter: botbuilder's CloudAdapter at POST /api/messages on the shared server.
// With an app id, requests are authenticated (SingleTenant, UserAssignedMSI or MultiTenant).
// Without one, the endpoint runs unauthenticated for local development only (the Bot
// Framework Emulator convention) and answers only service URLs on loopback; in production
// without an app id, Teams stays off. Every activity is checked for the shape the bot relies on
// before botbuilder sees it, and every request gets a JSON answer without a stack.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from 'botbuilder';
import express, { type Response, type Router } from 'express';
import { teamsEmailTenants, type TeamsConfig } from '../../config.ts';
import { chooseLocale, createTranslator } from '../../domain/i18n/translator.ts';
import type { Messenger } from '../../ports.ts';
import { AlumniTeamsBot } from './bot.ts';
import type { TeamsDeps } from './context.ts';
import { unsupportedInvoke } from './invokes.ts';
import { isUnfitBody } from '../body-hygiene.ts';
import { TeamsMessenger } from './messenger.ts';
import { activityShape, isLoopback, tenantOfActivity, withDates } from './activity-shape.ts';
import { asLocalActivity } from './emulator.ts';
import { TEAMS_MESSAGES_PATH } from './availability.ts';
import { DeadlineExceeded, withinDeadline } from '../../deadline.ts';
import { safeError, throttledWarning } from '../../logger.ts';

export { TEAMS_MESSAGES_PATH, teamsOffReason } from './availability.ts';
/**
 * The longest a Teams request waits for its turn. A turn that takes longer (an unreachable
 * service URL makes botbuilder retry each call for seconds) goes on after the answer; each
 * connector call ends by itself, after botbuilder's few retries.
 */
export const TURN_ANSWER_MS = 5_000;

export interface TeamsPlatform {
  router: Router;
  messenger: Messenger;
}

/** The adapter, with its activity entry point open to the route (botbuilder's own `process` prints errors to stderr). */
class TeamsAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

function isAuthenticationError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return status === 401 || status === 403 || (error as Error).name === 'AuthenticationError';
}

function send(res: Response, response: InvokeResponse): void {
  if (response.body === undefined) return void res.status(response.status).end();
  res.status(response.status).json(response.body);
}

export function createTeamsPlatform(config: TeamsConfig, baseDeps: Omit<TeamsDeps, 'emailTenants'>): TeamsPlatform {
  const deps: TeamsDeps = { ...baseDeps, emailTenants: teamsEmailTenants(config) };
  const auth: ConfigurationBotFrameworkAuthenticationOptions = config.appId
    ? { MicrosoftAppId: config.appId, MicrosoftAppPassword: config.appPassword, MicrosoftAppTenantId: config.tenantId, MicrosoftAppType: config.appType }
    : {};
  const adapter = new TeamsAdapter(new ConfigurationBotFrameworkAuthentication(auth));
  adapter.onTurnError = async (_context, error) => {
    deps.logger.error({ err: safeError(error) }, 'Teams turn failed');
  };
  const bot = new AlumniTeamsBot(deps);
  const refused = throttledWarning(deps.logger, 'Teams requests refused: no valid Bot Framework token');

  /** Invokes nothing answered (or that failed) get a proper answer; tenants not served get an empty one. */
  const settle = (activity: Activity, response: InvokeResponse | undefined): InvokeResponse => {
    if (activity.type !== 'invoke') return { status: response?.status ?? 200, body: response?.body };
    if (response && response.status < 500) return response;
    const tenant = tenantOfActivity(activity);
    if (config.allowedTenants.length > 0 && !config.allowedTenants.includes(tenant)) return { status: 200 };
    const tr = createTranslator(chooseLocale(null, activity.locale, deps.ctx.settings.defaultLocale), deps.ctx.settings.timeZone);
    return unsupportedInvoke(activity.name, tr);
  };

  /** Runs the turn, waiting at most TURN_ANSWER_MS; what it answers, or null when the request had no valid token. */
  const runTurn = async (authHeader: string, activity: Activity): Promise<InvokeResponse | null> => {
    const late = (error: unknown) => deps.logger.error({ err: safeError(error), type: activity.type }, 'a Teams turn failed after its answer');
    try {
      return settle(activity, await withinDeadline(adapter.handle(authHeader, activity, (context) => bot.run(context)), TURN_ANSWER_MS, 'Teams turn', late));
    } catch (error) {
      if (isAuthenticationError(error)) return null;
      if (error instanceof DeadlineExceeded) deps.logger.warn({ type: activity.type }, 'a Teams turn is still running; answered without waiting for it');
      else deps.logger.error({ err: safeError(error), type: activity.type }, 'a Teams request failed');
      return settle(activity, undefined);
    }
  };

  const router = express.Router();
  router.post(TEAMS_MESSAGES_PATH, express.json({ limit: '256kb' }), async (req, res) => {
    const shape = activityShape.safeParse(req.body);
    if (!shape.success || isUnfitBody(req.body)) return void res.status(400).json({ error: 'invalid_activity' });
    if (!config.appId && !isLoopback(shape.data.serviceUrl)) return void res.status(401).json({ error: 'unauthorized' });
    const activity = withDates(req.body as Activity);
    const answer = await runTurn(req.header('authorization') ?? '', config.appId ? activity : asLocalActivity(activity));
    if (answer) return send(res, answer);
    refused();
    res.status(401).json({ error: 'unauthorized' });
  });
  return { router, messenger: new TeamsMessenger(adapter, config.appId ?? '', deps.refs) };
}
