// The App Home tab: an alumnus' profile, consent and waiting invitations; a staff member's
// requests with their progress; for admins a short status and the admin panel (its buttons and
// modals are in admin.ts). Profiles are edited in a modal.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { showAdminPanel } from '../../../app/show-admin-panel.ts';
import { showHome } from '../../../app/show-home.ts';
import { showProfile } from '../../../app/show-profile.ts';
import { updateProfile } from '../../../app/update-profile.ts';
import { hasRole, type Actor } from '../../../app/support/actor.ts';
import { card } from '../../../domain/cards.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { adminPanelCard } from '../../../domain/messages/admin-cards.ts';
import { profileCard, profileFormCard, profileFormInputs } from '../../../domain/messages/profile-cards.ts';
import { splitTagText } from '../../../domain/tags.ts';
import { cardToBlocks, inputsToBlocks, modalView, SLACK_LIMITS, type Block } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { fieldErrors } from '../errors.ts';
import { channelLine } from '../../../domain/digest/channel-lines.ts';
import { readViewValues } from '../view-values.ts';

export const EDIT_PROFILE_CALLBACK = 'edit_profile';
/** Staff listed by name on the panel; the rest are counted (and listed by the CLI). */
const STAFF_SHOWN = 20;

/** The admin panel: staff and units, a person picker (an input block, read back on a button press), and its buttons. */
async function adminPanelBlocks(deps: SlackDeps, actor: Actor, tr: Translator): Promise<Block[]> {
  const { inputs, actions, ...text } = adminPanelCard(tr, await showAdminPanel(deps.ctx, actor, { staffShown: STAFF_SHOWN }));
  return [{ type: 'divider' }, ...cardToBlocks(text), ...inputsToBlocks(inputs ?? []), ...cardToBlocks({ actions })];
}

/** Publishes the person's home tab; `notice` (the answer to what they just did there) goes on top. */
export async function publishHome(deps: SlackDeps, client: WebClient, actor: Actor, userId: string, notice?: string): Promise<void> {
  const tr = translatorOf(deps, actor);
  const home = await showHome(deps.ctx, actor);
  const now = deps.ctx.clock.now();
  const blocks: Block[] = [...(notice ? cardToBlocks(card({ text: notice })) : []), ...cardToBlocks(profileCard(home.profile, tr, now))];
  const waiting = home.invitations.map((item) => `• ${item.title} (${tr.t('request.facts.replyBy').toLowerCase()} ${tr.date(item.replyBy)})`);
  blocks.push({ type: 'divider' }, ...cardToBlocks(card({ title: tr.t('home.invitationsTitle'), text: waiting.length ? waiting.join('\n') : tr.t('home.noInvitations') })));
  if (home.requests) {
    const lines = home.requests.map((view) => tr.t('list.item', { title: view.title, state: tr.t(`requestState.${view.state}`), progress: tr.t('request.progress', { count: view.needed, accepted: view.committed, needed: view.needed }) }));
    blocks.push({ type: 'divider' }, ...cardToBlocks(card({ title: tr.t('home.requestsTitle'), text: lines.length ? lines.join('\n') : tr.t('list.none') })));
  }
  if (home.status) {
    const paused = home.status.paused.map((pause) => tr.t('resilience.home.paused', { platform: tr.t(`resilience.platform.${pause.platform}`), since: tr.dateTime(pause.since), reason: pause.reason }));
    const digests = home.status.failedDigests.map((channel) => channelLine(channel, tr, channel.platform === 'slack' ? `#${channel.channelId}` : channel.channelId));
    blocks.push({ type: 'divider' }, ...cardToBlocks(card({ title: tr.t('home.adminTitle'), text: [tr.t('home.adminStatus', home.status), ...paused, ...digests].join('\n') })));
  }
  if (hasRole(actor, 'admin')) blocks.push(...(await adminPanelBlocks(deps, actor, tr)));
  await client.views.publish({ user_id: userId, view: { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.blocksPerView) } as never });
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home') return;
    const actor = await slackActor(deps, client, (body as { team_id: string }).team_id, event.user);
    await publishHome(deps, client, actor, event.user);
  });

  app.action<BlockAction<ButtonAction>>('profile_edit', async ({ ack, body, client }) => {
    await ack();
    const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
    const tr = translatorOf(deps, actor);
    const form = profileFormCard(await showProfile(deps.ctx, actor), tr);
    await client.views.open({ trigger_id: body.trigger_id, view: modalView(EDIT_PROFILE_CALLBACK, form, tr.t('profileForm.save'), tr.t('modal.cancel')) as never });
  });

  app.view(EDIT_PROFILE_CALLBACK, async ({ ack, body, view, client }) => {
    const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
    const tr = translatorOf(deps, actor);
    const inputs = profileFormInputs(await showProfile(deps.ctx, actor), tr);
    const values = readViewValues(inputs, view.state.values, deps.ctx.settings.timeZone);
    const list = (value: unknown) => (typeof value === 'string' ? splitTagText(value) : []);
    try {
      await updateProfile(deps.ctx, actor, { ...values, expertise: list(values.expertise), languages: list(values.languages), engagementTypes: values.engagementTypes ?? [], locale: values.locale ?? null, preferredPlatform: values.preferredPlatform ?? null });
      await ack();
      await publishHome(deps, client, actor, body.user.id);
    } catch (error) {
      const fields = inputs.map((input) => input.id);
      const errors = error instanceof DomainError && error.code === 'validation' ? fieldErrors(error, tr, fields) : { expertise: describeError(error, tr) };
      await ack({ response_action: 'errors', errors });
    }
  });
}
