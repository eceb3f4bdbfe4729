// The Slack adapter: a Bolt app on the shared HTTP server at POST /slack/events (signing
// secret), or on Socket Mode when SLACK_APP_TOKEN is set. It only translates: listeners parse,
// call one use case, render, and answer.
import { App, ExpressReceiver } from '@slack/bolt';
import express, { type Router } from 'express';
import type { SlackConfig } from '../../config.ts';
import type { Messenger } from '../../ports.ts';
import type { SlackDeps } from './context.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerActions } from './listeners/actions.ts';
import { ADMIN_CALLBACKS, ADMIN_SUGGESTIONS, registerAdmin } from './listeners/admin.ts';
import { registerCommands, REQUEST_SHORTCUT } from './listeners/commands.ts';
import { registerDigestHelp } from './listeners/digest-help.ts';
import { GIVE_CONSENT_CALLBACK, registerConsent } from './listeners/consent.ts';
import { registerEvents, type EventLedger } from './listeners/events.ts';
import { registerForms } from './listeners/forms.ts';
import { registerPrivacy } from './listeners/privacy.ts';
import { EDIT_PROFILE_CALLBACK, registerHome } from './listeners/home.ts';
import { registerViews } from './listeners/views.ts';
import { SlackMessenger } from './messenger.ts';
import { POST_REQUEST_CALLBACK, registerSuggestions, requestFormSuggestions } from './request-modal.ts';
import { rejectStaleTimestamps } from './request-timestamp.ts';
import { ignoreUnknownInteractions } from './unknown-interactions.ts';
import { alwaysAnswered } from './answers.ts';
import { slackRequestGate } from './request-gate.ts';
import { safeError } from '../../logger.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_CALL_TIMEOUT_MS = 10_000;
/** What this app handles; the manifest test holds manifests/slack/manifest.yaml to these. */
export const SLACK_CALLBACKS = [POST_REQUEST_CALLBACK, GIVE_CONSENT_CALLBACK, EDIT_PROFILE_CALLBACK, ...ADMIN_CALLBACKS];
export const SLACK_SHORTCUTS = [REQUEST_SHORTCUT];
export const SLACK_EVENTS = ['app_home_opened', 'team_join', 'message.im'];
export const SLACK_COMMAND = '/alumni';

export interface SlackPlatform {
  /** Mounted on the HTTP server in HTTP mode; absent in Socket Mode. */
  router?: Router;
  messenger: Messenger;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackAppOptions {
  /** Finish listeners before answering (tests); production answers first. */
  processBeforeResponse?: boolean;
  /** Bot identity, when known, spares Bolt its auth.test call. */
  botUserId?: string;
  botId?: string;
}

export function createSlackPlatform(config: SlackConfig, deps: SlackDeps, ledger: EventLedger, options: SlackAppOptions = {}): SlackPlatform {
  // Every Web API call ends within SLACK_CALL_TIMEOUT_MS; the outbox retries its own sends.
  const clientOptions = { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: SLACK_CALL_TIMEOUT_MS };
  const identity = options.botUserId ? { botUserId: options.botUserId, botId: options.botId } : {};
  let app: App;
  let router: Router | undefined;
  if (config.appToken) {
    app = new App({ token: config.botToken, appToken: config.appToken, socketMode: true, clientOptions, logger: boltLogger(deps.logger), ...identity });
  } else {
    router = express.Router();
    router.use(SLACK_EVENTS_PATH, rejectStaleTimestamps);
    router.post(SLACK_EVENTS_PATH, ...slackRequestGate({ signingSecret: config.signingSecret ?? '', command: deps.command, logger: deps.logger }));
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret ?? '',
      endpoints: SLACK_EVENTS_PATH,
      router,
      processBeforeResponse: options.processBeforeResponse ?? false,
      logger: boltLogger(deps.logger),
      ...alwaysAnswered(deps.logger),
    });
    app = new App({ token: config.botToken, receiver, clientOptions, logger: boltLogger(deps.logger), ...identity });
  }
  app.error(async (error) => {
    deps.logger.error({ err: safeError(error) }, 'Slack listener failed');
  });
  app.use(ignoreUnknownInteractions({ callbacks: SLACK_CALLBACKS, shortcuts: SLACK_SHORTCUTS }));
  registerEvents(app, deps, ledger);
  registerCommands(app, deps);
  registerConsent(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerForms(app, deps);
  registerHome(app, deps);
  registerAdmin(app, deps);
  registerDigestHelp(app, deps);
  registerPrivacy(app, deps);
  registerSuggestions(app, deps, { [POST_REQUEST_CALLBACK]: requestFormSuggestions, ...ADMIN_SUGGESTIONS });
  return {
    router,
    messenger: new SlackMessenger(app.client),
    start: async () => {
      if (config.appToken) await app.start();
    },
    stop: async () => {
      if (config.appToken) await app.stop();
    },
  };
}
