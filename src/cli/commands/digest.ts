// digest add <slack|teams> <workspace or tenant id> <channel id> [--unit CODE] [--locale nb|en] [--alumni]
// digest remove <slack|teams> <workspace or tenant id> <channel id>
// digest list
// The CLI cannot ask the platform whether the bot is in the channel: a channel it cannot post
// in shows up as FAILED in `digest list` (and in the admin status) after the first digest.
import { parseArgs } from 'node:util';
import { addDigestChannel } from '../../app/digest/add-digest-channel.ts';
import { listDigestChannels } from '../../app/digest/list-digest-channels.ts';
import { removeDigestChannel } from '../../app/digest/remove-digest-channel.ts';
import { channelLine } from '../../domain/digest/channel-lines.ts';
import { DomainError } from '../../domain/errors.ts';
import { PLATFORMS, type Platform } from '../../domain/vocabulary.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

const options = { unit: { type: 'string' }, locale: { type: 'string' }, alumni: { type: 'boolean', default: false } } as const;

export const digestCommand: CliCommand = {
  name: 'digest',
  usage: 'add|remove <slack|teams> <workspace> <channel> [--unit CODE] [--locale nb|en] [--alumni] | list',
  summary: 'digest.cli.summary',
  async run(args, { ctx, tr, io, actor }) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options });
    } catch {
      throw new UsageError(tr.t('digest.cli.usage'));
    }
    const [verb, platform, workspaceId, channelId, ...extra] = parsed.positionals;
    if (verb === 'list' && !platform) {
      const channels = await listDigestChannels(ctx, actor);
      io.out(channels.length ? channels.map((channel) => channelLine(channel, tr, `${channel.channelId} (${channel.workspaceId})`)).join('\n') : tr.t('digest.channel.none', { command: 'npm run cli -- digest add …' }));
      return 0;
    }
    if ((verb !== 'add' && verb !== 'remove') || !PLATFORMS.includes(platform as Platform) || workspaceId === undefined || !channelId || extra.length > 0) throw new UsageError(tr.t('digest.cli.usage'));
    const where = { platform: platform as Platform, workspaceId, channelId };
    if (verb === 'remove') {
      io.out(tr.t((await removeDigestChannel(ctx, actor, where)) ? 'digest.channel.removed' : 'digest.channel.notFound', { channel: channelId }));
      return 0;
    }
    try {
      const { channel, created } = await addDigestChannel(ctx, actor, { ...where, unitCode: parsed.values.unit ?? null, locale: parsed.values.locale, alumniReadable: parsed.values.alumni });
      const language = tr.t(`language.${channel.locale}`).toLowerCase();
      io.out(created
        ? tr.t('digest.channel.added', { unit: channel.unit ? tr.t('digest.channel.forUnit', { unit: channel.unit.code }) : '', channel: channelId, language })
        : tr.t('digest.channel.updated', { channel: channelId, unit: channel.unit?.code ?? tr.t('digest.channel.faculty'), language }));
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'not_found' && error.details.params?.reason === 'unit')) throw error;
      io.err(tr.t('digest.channel.unknownUnit', { code: error.details.params.code }));
      return 1;
    }
  },
};
