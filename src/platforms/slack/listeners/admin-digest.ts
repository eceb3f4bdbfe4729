// `/alumni admin digest …` and `/alumni admin report …` for admins: choose the channels that get
// the weekly digest (the bot announces itself there first, so a channel it is not in is refused
// with a clear answer), list them with how their last digest went, preview the digest (only
// for the asker), and get a report as a CSV file in the admin's DM. Answers are ephemeral.
import type { RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { addDigestChannel } from '../../../app/digest/add-digest-channel.ts';
import { listDigestChannels } from '../../../app/digest/list-digest-channels.ts';
import { previewDigest } from '../../../app/digest/preview-digest.ts';
import { removeDigestChannel } from '../../../app/digest/remove-digest-channel.ts';
import { exportReport } from '../../../app/reports/export-report.ts';
import { hasRole, type Actor } from '../../../app/support/actor.ts';
import { parseReportArgs } from '../../../app/reports/report-args.ts';
import { card, type CardChart } from '../../../domain/cards.ts';
import { channelLine } from '../../../domain/digest/channel-lines.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { isLocale } from '../../../domain/vocabulary.ts';
import { safeError } from '../../../logger.ts';
import { renderChartPng } from '../../chart-png.ts';
import { cardToBlocks, escapeMrkdwn, fallbackText } from '../blocks.ts';
import { translatorOf, type SlackDeps } from '../context.ts';

type Reply = RespondArguments & { response_type: 'ephemeral' };
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;
const REFUSED_CHANNEL = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

class NotInChannel extends Error {}

export function isDigestCommand(words: readonly string[]): boolean {
  return ['digest', 'report'].includes((words[0] ?? '').toLowerCase());
}

const say = (text: string): Reply => ({ response_type: 'ephemeral', text });
const mention = (channelId: string) => `<#${channelId}>`;

/** Options after the channel: a unit code, nb|en, and `alumni`, in any order. */
function options(words: readonly string[]): { unitCode: string | null; locale?: 'nb' | 'en'; alumniReadable: boolean } {
  const rest = words.filter((word) => !isLocale(word.toLowerCase()) && word.toLowerCase() !== 'alumni');
  const locale = words.map((word) => word.toLowerCase()).find(isLocale);
  return { unitCode: rest[0] ?? null, ...(locale ? { locale } : {}), alumniReadable: words.some((word) => word.toLowerCase() === 'alumni') };
}

async function announceIn(client: WebClient, channel: string, text: string): Promise<void> {
  try {
    await client.chat.postMessage({ channel, text: escapeMrkdwn(text) });
  } catch (error) {
    if (REFUSED_CHANNEL.has(String((error as { data?: { error?: unknown } }).data?.error))) throw new NotInChannel();
    throw error;
  }
}

async function add(deps: SlackDeps, client: WebClient, actor: Actor, tr: Translator, teamId: string, channelId: string, words: string[]): Promise<string> {
  const chosen = options(words);
  try {
    const { channel, created } = await addDigestChannel(deps.ctx, actor, { platform: 'slack', workspaceId: teamId, channelId, ...chosen }, (text) => announceIn(client, channelId, text));
    const unit = channel.unit ? `${channel.unit.code}` : tr.t('digest.channel.faculty');
    const language = tr.t(`language.${channel.locale}`).toLowerCase();
    return created
      ? tr.t('digest.channel.added', { unit: channel.unit ? tr.t('digest.channel.forUnit', { unit }) : '', channel: mention(channelId), language })
      : tr.t('digest.channel.updated', { channel: mention(channelId), unit, language });
  } catch (error) {
    if (error instanceof NotInChannel) return tr.t('digest.channel.notInChannel', { channel: mention(channelId) });
    if (error instanceof DomainError && error.code === 'not_found' && error.details.params?.reason === 'unit') return tr.t('digest.channel.unknownUnit', { code: error.details.params.code });
    throw error;
  }
}

async function list(deps: SlackDeps, actor: Actor, tr: Translator): Promise<string> {
  const channels = await listDigestChannels(deps.ctx, actor);
  if (channels.length === 0) return tr.t('digest.channel.none', { command: `${deps.command} admin digest add #channel` });
  // Unit names are escaped; the channel mention is put in afterwards.
  const PLACE = '\u0000';
  return channels.map((channel) => escapeMrkdwn(channelLine(channel, tr, PLACE)).replace(PLACE, channel.platform === 'slack' ? mention(channel.channelId) : escapeMrkdwn(channel.channelId))).join('\n');
}

/**
 * The preview as an ephemeral answer, and its 12-week chart as a PNG in the admin's DM with the
 * bot. An ephemeral message cannot carry a file, and an image block needs a public image_url or
 * a `slack_file` the viewer can open: a file uploaded without a channel is the bot's alone
 * (Slack refuses it as `invalid slack file`), and one shared in a channel shows to everyone
 * there. The DM is the one place only the asker sees.
 */
async function preview(deps: SlackDeps, client: WebClient, actor: Actor, tr: Translator, userId: string, unitCode: string | undefined): Promise<Reply> {
  try {
    const { card: digest, chart } = await previewDigest(deps.ctx, actor, unitCode);
    const sent = chart?.chart ? await chartToDm(deps, client, userId, chart.chart, tr) : false;
    const note = tr.t(sent ? 'digestFiles.preview.note' : 'digest.slack.previewNote');
    const shown = card({ ...digest, context: [digest.context, note].filter(Boolean).join(' ') });
    return { response_type: 'ephemeral', text: fallbackText(shown), blocks: cardToBlocks(shown) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found' && error.details.params?.reason === 'unit') return say(escapeMrkdwn(tr.t('digest.channel.unknownUnit', { code: error.details.params.code })));
    throw error;
  }
}

/** The preview's chart in the asker's DM; false (logged) when Slack would not take it, so the preview still shows. */
async function chartToDm(deps: SlackDeps, client: WebClient, userId: string, chart: CardChart, tr: Translator): Promise<boolean> {
  try {
    const dm = await client.conversations.open({ users: userId });
    await client.files.uploadV2({ channel_id: String(dm.channel?.id), file: renderChartPng(chart), filename: 'digest-preview.png', title: chart.title, alt_text: chart.alt, initial_comment: escapeMrkdwn(tr.t('digestFiles.preview.chartComment')) });
    return true;
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, 'the digest preview chart could not be sent to the admin');
    return false;
  }
}

/** `report <kind> [--from D] [--to D] [--delimiter ,]`: the CSV goes to the admin's DM as a file; bad words get the usage. */
async function report(deps: SlackDeps, client: WebClient, actor: Actor, tr: Translator, userId: string, words: string[]): Promise<string> {
  const args = parseReportArgs(words);
  if (!args.ok) {
    const problem = args.key === 'usage' ? [] : [tr.t(`digestFiles.report.${args.key}`, args.params)];
    return [...problem, tr.t('digestFiles.report.slackUsage', { command: deps.command })].join(' ');
  }
  const result = await exportReport(deps.ctx, actor, args.request, tr);
  const dm = await client.conversations.open({ users: userId });
  await client.files.uploadV2({ channel_id: String(dm.channel?.id), file: Buffer.from(result.csv, 'utf8'), filename: result.filename, title: result.filename });
  return tr.t('digest.slack.reportSent', { rows: result.rows });
}

/** `/alumni admin digest …` or `/alumni admin report …`. */
export async function digestCommand(deps: SlackDeps, client: WebClient, actor: Actor, command: { team_id: string; user_id: string }, words: string[]): Promise<Reply> {
  const tr = translatorOf(deps, actor);
  const usage = { command: deps.command };
  if (!hasRole(actor, 'admin')) return say(escapeMrkdwn(tr.t('admin.slack.notAdmin', usage)));
  const [area = '', verb = '', target = '', ...rest] = words;
  if (area.toLowerCase() === 'report') return say(escapeMrkdwn(await report(deps, client, actor, tr, command.user_id, [verb, target, ...rest].filter(Boolean))));
  const channelId = CHANNEL.exec(target)?.[1];
  switch (verb.toLowerCase()) {
    case 'add':
      return channelId ? say(await add(deps, client, actor, tr, command.team_id, channelId, rest)) : say(escapeMrkdwn(tr.t('digest.slack.usage', usage)));
    case 'remove': {
      if (!channelId) return say(escapeMrkdwn(tr.t('digest.slack.usage', usage)));
      const removed = await removeDigestChannel(deps.ctx, actor, { platform: 'slack', workspaceId: command.team_id, channelId });
      return say(tr.t(removed ? 'digest.channel.removed' : 'digest.channel.notFound', { channel: mention(channelId) }));
    }
    case 'list':
      return say(await list(deps, actor, tr));
    case 'preview':
      return preview(deps, client, actor, tr, command.user_id, target || undefined);
    default:
      return say(escapeMrkdwn(tr.t('digest.slack.usage', usage)));
  }
}
