// `admin digest …` in Teams, for admins: typed in the channel that should get the weekly digest
// (`add [unit code] [nb|en] [alumni]`, `remove`), `list` anywhere, and `preview [unit code]` in
// the personal chat (the preview is only for the asker), and `admin report …` (a CSV file in the
// personal chat, admin-report.ts). Also the digest's "I can help" button.
import type { TurnContext } from 'botbuilder';
import { addDigestChannel } from '../../app/digest/add-digest-channel.ts';
import { listDigestChannels } from '../../app/digest/list-digest-channels.ts';
import { offerHelp } from '../../app/digest/offer-help.ts';
import { previewDigest } from '../../app/digest/preview-digest.ts';
import { digestChannelLabel } from '../../app/digest/report-digest-failure.ts';
import { removeDigestChannel } from '../../app/digest/remove-digest-channel.ts';
import { hasRole, type Actor } from '../../app/support/actor.ts';
import { channelLine } from '../../domain/digest/channel-lines.ts';
import { helpOfferText } from '../../domain/digest/digest-card.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { isLocale } from '../../domain/vocabulary.ts';
import { plainText } from './admin.ts';
import { cardActivity } from './adaptive-cards.ts';
import { offerReport } from './admin-report.ts';
import { channelIdOf, tenantOf, type TeamsDeps } from './context.ts';

export interface DigestCommand {
  verb: string;
  words: string[];
}

/** `admin digest …` / `admin report …`, or null for anything else. */
export function parseDigestCommand(text: string): DigestCommand | null {
  const words = plainText(text).split(' ').filter(Boolean);
  if (words[0]?.toLowerCase() !== 'admin' || !['digest', 'report'].includes(words[1]?.toLowerCase() ?? '')) return null;
  if (words[1]!.toLowerCase() === 'report') return { verb: 'report', words: words.slice(2) };
  return { verb: (words[2] ?? '').toLowerCase(), words: words.slice(3) };
}

const inChannel = (context: TurnContext) => context.activity.conversation?.conversationType === 'channel';

function unitProblem(error: unknown, t: Translator): string {
  if (error instanceof DomainError && error.code === 'not_found' && error.details.params?.reason === 'unit') return t.t('digest.channel.unknownUnit', { code: error.details.params.code });
  throw error;
}

async function add(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, words: string[]): Promise<string> {
  const locale = words.map((word) => word.toLowerCase()).find(isLocale);
  const unitCode = words.find((word) => !isLocale(word.toLowerCase()) && word.toLowerCase() !== 'alumni') ?? null;
  const where = { platform: 'teams' as const, workspaceId: tenantOf(context), channelId: channelIdOf(context.activity.conversation.id) };
  try {
    const { channel, created } = await addDigestChannel(deps.ctx, actor, { ...where, unitCode, ...(locale ? { locale } : {}), alumniReadable: words.some((word) => word.toLowerCase() === 'alumni') });
    const language = t.t(`language.${channel.locale}`).toLowerCase();
    const here = t.t('digest.teams.thisChannel');
    if (!created) return t.t('digest.channel.updated', { channel: here, unit: channel.unit?.code ?? t.t('digest.channel.faculty'), language });
    return t.t('digest.channel.added', { unit: channel.unit ? t.t('digest.channel.forUnit', { unit: channel.unit.code }) : '', channel: here, language });
  } catch (error) {
    return unitProblem(error, t);
  }
}

async function preview(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, unitCode: string | undefined): Promise<void> {
  if (inChannel(context)) return void (await context.sendActivity(t.t('digest.teams.previewPersonal')));
  try {
    const { card, chart } = await previewDigest(deps.ctx, actor, unitCode);
    await context.sendActivity(cardActivity(card));
    if (chart) await context.sendActivity(cardActivity(chart));
  } catch (error) {
    await context.sendActivity(unitProblem(error, t));
  }
}

async function answer(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, command: DigestCommand): Promise<string | null> {
  switch (command.verb) {
    case 'add':
      return inChannel(context) ? add(deps, context, actor, t, command.words) : t.t('digest.teams.channelOnly');
    case 'remove': {
      if (!inChannel(context)) return t.t('digest.teams.channelOnly');
      const removed = await removeDigestChannel(deps.ctx, actor, { platform: 'teams', workspaceId: tenantOf(context), channelId: channelIdOf(context.activity.conversation.id) });
      return t.t(removed ? 'digest.channel.removed' : 'digest.channel.notFound', { channel: t.t('digest.teams.thisChannel') });
    }
    case 'list': {
      const channels = await listDigestChannels(deps.ctx, actor);
      if (channels.length === 0) return t.t('digest.channel.none', { command: 'admin digest add' });
      return channels.map((channel) => channelLine(channel, t, digestChannelLabel(channel))).join('\n\n');
    }
    case 'preview':
      await preview(deps, context, actor, t, command.words[0]);
      return null;
    case 'report':
      await offerReport(deps, context, actor, t, command.words);
      return null;
    default:
      return t.t('digest.teams.usage');
  }
}

export async function handleDigestCommand(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, command: DigestCommand): Promise<void> {
  if (!hasRole(actor, 'admin')) return void (await context.sendActivity(t.t('teamsAdmin.forbidden')));
  const text = await answer(deps, context, actor, t, command);
  if (text) await context.sendActivity(text);
}

/** "I can help" pressed on a digest card: the owner is told; the presser gets a reply. */
export async function handleDigestHelp(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, requestId: string): Promise<void> {
  const offer = await offerHelp(deps.ctx, actor, requestId);
  deps.kick();
  await context.sendActivity(helpOfferText(offer, t));
}
