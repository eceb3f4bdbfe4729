// Workspace events. A new member is greeted with the consent step, never with an invitation;
// every event is handled once, however often Slack retries it.
import type { App } from '@slack/bolt';
import { card } from '../../../domain/cards.ts';
import { cardToBlocks, fallbackText } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';
import type { Platform } from '../../../domain/vocabulary.ts';

export interface EventLedger {
  /** True the first time an event id is claimed; false for every retry. */
  claim(platform: Platform, eventId: string): Promise<boolean>;
}

export function registerEvents(app: App, deps: SlackDeps, ledger: EventLedger): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await ledger.claim('slack', eventId))) {
      deps.logger.debug({ eventId }, 'duplicate Slack event ignored');
      return;
    }
    await next();
  });

  app.event('team_join', async ({ event, client, body }) => {
    const user = event.user as { id: string; is_bot?: boolean };
    if (user.is_bot) return;
    const actor = await slackActor(deps, client, (body as { team_id: string }).team_id, user.id);
    const tr = translatorOf(deps, actor);
    const welcome = card({ title: tr.t('welcome.title'), text: [tr.t('welcome.text'), tr.t('help.join', { command: deps.command })].join('\n\n') });
    await client.chat.postMessage({ channel: user.id, text: fallbackText(welcome), blocks: cardToBlocks(welcome) });
  });
}
