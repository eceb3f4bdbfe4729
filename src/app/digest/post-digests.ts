// The weekly job: when the current ISO week's slot (DIGEST_CRON in TIMEZONE) has passed, every
// digest channel without a run for this week gets one. The run row is taken in the same
// transaction that writes the digest to the outbox, so across instances, restarts and catch-up
// ticks each channel gets exactly one digest per ISO week, and a missed week is never posted
// late. One channel's failure leaves the others alone; the job reports it.
import { digestCard, digestChartCard } from '../../domain/digest/digest-card.ts';
import type { DigestData } from '../../domain/digest/digest-data.ts';
import { digestMessageKey } from '../../domain/digest/digest-keys.ts';
import { dueWeek, type CronFields } from '../../domain/digest/schedule.ts';
import { createTranslator } from '../../domain/i18n/translator.ts';
import type { AppContext, DigestChannelRecord, OutboxEntry } from '../../ports.ts';
import { buildDigest, weekAggregates, type WeekAggregates } from './build-digest.ts';

export interface DigestRunResult {
  posted: number;
  /** Channels another instance (or an earlier tick) already served this week. */
  skipped: number;
  failed: number;
  /** Why each failed channel failed (first line), for the log. */
  failures: { channelId: string; error: unknown }[];
}

export function digestEntries(ctx: AppContext, channel: DigestChannelRecord, data: DigestData): OutboxEntry[] {
  const tr = createTranslator(channel.locale, ctx.settings.timeZone);
  const address = { kind: 'channel' as const, channel: { platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId } };
  const entries: OutboxEntry[] = [{ idempotencyKey: digestMessageKey(channel.id, data.isoWeek, 'card'), kind: 'digest', address, card: digestCard(data, tr, { alumniReadable: channel.alumniReadable }) }];
  const chart = digestChartCard(data, tr);
  if (chart) entries.push({ idempotencyKey: digestMessageKey(channel.id, data.isoWeek, 'chart'), kind: 'digest', address, card: chart });
  return entries;
}

async function postOne(ctx: AppContext, channel: DigestChannelRecord, week: WeekAggregates): Promise<boolean> {
  return ctx.store.transaction(async (repos) => {
    const runId = await repos.digests.claimRun(channel.id, week.isoWeek, ctx.clock.now());
    if (!runId) return false;
    const data = await buildDigest(repos, week, channel.unit);
    await repos.outbox.enqueue(digestEntries(ctx, channel, data));
    await repos.digests.markRunPosted(runId, data, ctx.clock.now());
    return true;
  });
}

export async function postDigests(ctx: AppContext, fields: CronFields): Promise<DigestRunResult> {
  const result: DigestRunResult = { posted: 0, skipped: 0, failed: 0, failures: [] };
  const due = dueWeek(fields, ctx.clock.now(), ctx.settings.timeZone);
  if (!due) return result;
  const channels = (await ctx.store.transaction((repos) => repos.digests.listChannels())).filter((channel) => channel.lastRun?.isoWeek !== due.isoWeek);
  if (channels.length === 0) return result;
  // Read once, outside the channels' transactions, and shared by all of them.
  const week = await ctx.store.transaction((repos) => weekAggregates(repos, due.slot, due.isoWeek, ctx.settings.timeZone));
  for (const channel of channels) {
    try {
      if (await postOne(ctx, channel, week)) result.posted += 1;
      else result.skipped += 1;
    } catch (error) {
      result.failed += 1;
      result.failures.push({ channelId: channel.id, error });
    }
  }
  return result;
}
