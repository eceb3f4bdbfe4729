// The Slack adapter: a Bolt app on the shared HTTP server at POST /slack/events (signing
// secret), or on Socket Mode when SLACK_APP_TOKEN is set. It only translates: listeners parse,
// call one use case, render, and answer. In HTTP mode every request passes the durable inbox
// (inbox.ts): refused early when the instance is full, recorded before it is acknowledged.
// Starting never depends on Slack answering: who the bot is (auth.test) is learnt in the
// background (identity.ts), and Socket Mode connects in the background, trying again.
import { App, ExpressReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
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
import { safeError, type Logger } from '../../logger.ts';
import type { Inbox } from '../../inbox/inbox.ts';
import type { RecordedRequest } from '../../front/messages.ts';
import { SlackIdentity } from './identity.ts';
import { SLACK_COMMAND, SLACK_EVENTS_PATH } from './names.ts';

export { SLACK_COMMAND, SLACK_EVENTS_PATH };
import { admitSlackRequest, inboxTicketOf, InboxApp, noteListenerFailure, recordSlackRequest } from './inbox.ts';

export const SLACK_CALL_TIMEOUT_MS = 10_000;
/** What this app handles; the manifest test holds manifests/slack/manifest.yaml to these. */
export const SLACK_CALLBACKS = [POST_REQUEST_CALLBACK, GIVE_CONSENT_CALLBACK, EDIT_PROFILE_CALLBACK, ...ADMIN_CALLBACKS];
export const SLACK_SHORTCUTS = [REQUEST_SHORTCUT];
export const SLACK_EVENTS = ['app_home_opened', 'team_join', 'message.im'];

export interface SlackPlatform {
  /** Mounted on the HTTP server in HTTP mode; absent in Socket Mode. */
  router?: Router;
  messenger: Messenger;
  /** Works on a request the HTTP front recorded and answered (HTTP mode with the durable inbox). */
  workOnRecorded?(request: RecordedRequest): Promise<void>;
  /** Starts in the background: never fails, never waits for Slack. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What the resilience work hands the adapter: the durable inbox (HTTP mode), and who to tell when Slack refuses the token. */
export interface SlackResilience {
  inbox?: Inbox;
  onRefused?(reason: string): void;
}

export interface SlackAppOptions {
  /** Finish listeners before answering (tests); production answers first. */
  processBeforeResponse?: boolean;
  /** Bot identity, when known, spares Bolt its auth.test call. */
  botUserId?: string;
  botId?: string;
}

export function createSlackPlatform(config: SlackConfig, deps: SlackDeps, ledger: EventLedger, options: SlackAppOptions = {}, resilience: SlackResilience = {}): SlackPlatform {
  // Every Web API call ends within SLACK_CALL_TIMEOUT_MS; the outbox retries its own sends.
  const clientOptions = { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: SLACK_CALL_TIMEOUT_MS };
  const client = new WebClient(config.botToken, { ...clientOptions, logger: boltLogger(deps.logger) });
  const identity = new SlackIdentity(client, config.botToken, deps.logger, (reason) => resilience.onRefused?.(reason), { botUserId: options.botUserId, botId: options.botId });
  const inbox = config.appToken ? undefined : resilience.inbox;
  let app: App;
  let router: Router | undefined;
  if (config.appToken) {
    app = new App({ authorize: identity.authorize, appToken: config.appToken, socketMode: true, clientOptions, logger: boltLogger(deps.logger) });
  } else {
    router = express.Router();
    router.use(SLACK_EVENTS_PATH, rejectStaleTimestamps);
    router.post(SLACK_EVENTS_PATH, ...(inbox ? [admitSlackRequest(inbox)] : []), ...slackRequestGate({ signingSecret: config.signingSecret ?? '', command: deps.command, logger: deps.logger }), ...(inbox ? [recordSlackRequest(inbox)] : []));
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret ?? '',
      endpoints: SLACK_EVENTS_PATH,
      router,
      processBeforeResponse: options.processBeforeResponse ?? false,
      // slackRequestGate, in front on the same route, has checked every request's signature.
      signatureVerification: false,
      logger: boltLogger(deps.logger),
      customPropertiesExtractor: inboxTicketOf,
      ...alwaysAnswered(deps.logger),
    });
    const inboxApp = new InboxApp({ authorize: identity.authorize, receiver, clientOptions, logger: boltLogger(deps.logger) });
    // Production answers Slack as soon as a request is recorded; tests may finish the work first.
    if (inbox) inboxApp.useInbox(inbox, deps.logger, { answerOnRecord: !(options.processBeforeResponse ?? false) });
    app = inboxApp;
  }
  app.error(async (error) => {
    noteListenerFailure(error);
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
  const socket = config.appToken ? socketModeStarter(app, deps.logger) : null;
  return {
    router,
    messenger: new SlackMessenger(client),
    ...(inbox && app instanceof InboxApp ? { workOnRecorded: (request: RecordedRequest) => (app as InboxApp).workOnRecorded(request) } : {}),
    start: async () => {
      identity.start();
      if (inbox && app instanceof InboxApp) inbox.start((record) => app.replay(record));
      socket?.start();
    },
    stop: async () => {
      identity.stop();
      await socket?.stop();
    },
  };
}

/** Socket Mode connects in the background; a failed connection is tried again with a growing pause, logged once per outage. */
function socketModeStarter(app: App, logger: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let started = false;
  let failures = 0;
  const attempt = () => {
    app.start().then(
      () => {
        started = true;
        if (failures > 0) logger.info({ failures }, 'Slack Socket Mode connected');
        failures = 0;
      },
      (error: unknown) => {
        failures += 1;
        if (failures === 1) logger.warn({ err: safeError(error) }, 'Slack Socket Mode could not connect; the bot tries again');
        if (!stopped) timer = setTimeout(attempt, Math.min(300_000, 2_000 * 2 ** Math.min(failures - 1, 16)));
      },
    );
  };
  return {
    start: attempt,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (started) await app.stop();
    },
  };
}
