// A week's digest that a platform refused for good (the bot is not in the channel, the channel
// was deleted or archived, a Teams channel the bot never saw): the run is marked failed, `digest
// list` shows it with the date, and every admin is told once, in their language, on the platform
// they use. While the channel keeps failing week after week, nobody is told again; once a digest
// got through, a new failure is news again. Other channels are not touched. Called by the outbox
// when a digest's main card becomes undeliverable (jobs/delivery-failures.ts).
import { card } from '../../domain/cards.ts';
import { digestFailureReason } from '../../domain/digest/channel-lines.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { AppContext, DigestChannelRecord, OutboxEntry } from '../../ports.ts';
import { translatorFor } from '../support/messages.ts';

/** Admins are few; this bounds the lookup all the same. */
const ADMIN_LIMIT = 200;
const DIGEST_CARD_KEY = /^digest:([0-9a-f-]{36}):(\d{4}-W\d{2}):card$/;

export interface DigestFailure {
  idempotencyKey: string;
  reason: string;
}

/** How a channel is named to admins on either platform (the whole id: the CLI takes it back). */
export function digestChannelLabel(channel: Pick<DigestChannelRecord, 'platform' | 'channelId'>): string {
  return channel.platform === 'slack' ? `#${channel.channelId}` : channel.channelId;
}

function notice(tr: Translator, channel: DigestChannelRecord, isoWeek: string, reason: string) {
  const scope = channel.unit ? `${channel.unit.code} ${tr.locale === 'nb' ? channel.unit.nameNb : channel.unit.nameEn}` : tr.t('digest.channel.faculty');
  const params = { scope, channel: digestChannelLabel(channel), platform: channel.platform === 'slack' ? 'Slack' : 'Teams', week: Number(isoWeek.slice(-2)), reason: digestFailureReason(tr, reason) };
  return card({ title: tr.t('digestFiles.failed.title'), text: tr.t('digestFiles.failed.text', params) });
}

/** Returns how many admins were told (0 for anything but a digest's main card, or old news). */
export async function reportDigestFailure(ctx: AppContext, failure: DigestFailure): Promise<number> {
  const match = DIGEST_CARD_KEY.exec(failure.idempotencyKey);
  if (!match) return 0;
  const [, channelId = '', isoWeek = ''] = match;
  return ctx.store.transaction(async (repos) => {
    const channel = await repos.digests.findChannelById(channelId);
    if (!channel || !(await repos.digests.markRunFailed(channelId, isoWeek))) return 0;
    await repos.audit.record({ actorId: null, action: 'digest_channel.failed', subjectType: 'digest_channel', subjectId: channelId, details: { week: isoWeek, reason: failure.reason.slice(0, 100) } });
    const entries: OutboxEntry[] = [];
    for (const admin of await repos.people.list({ role: 'admin', limit: ADMIN_LIMIT })) {
      if ((await repos.people.findIdentities(admin.id)).length === 0) continue;
      const tr = await translatorFor(ctx, repos, admin.id);
      entries.push({ idempotencyKey: `digest-failed:${channelId}:${isoWeek}:${admin.id}`, kind: 'direct', address: { kind: 'person', personId: admin.id }, card: notice(tr, channel, isoWeek, failure.reason), personId: admin.id });
    }
    await repos.outbox.enqueue(entries);
    return entries.length;
  });
}
