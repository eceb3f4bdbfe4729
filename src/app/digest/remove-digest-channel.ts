// An admin stops the digest in a channel. Its past runs are kept (one digest per week stays
// true if the channel is added again the same week).
import type { AppContext } from '../../ports.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import { requireRole, type Actor } from '../support/actor.ts';

export async function removeDigestChannel(ctx: AppContext, actor: Actor, where: { platform: Platform; workspaceId: string; channelId: string }): Promise<boolean> {
  requireRole(actor, 'admin');
  return ctx.store.transaction(async (repos) => {
    const removed = await repos.digests.deactivateChannel(where.platform, where.workspaceId, where.channelId);
    if (removed) await repos.audit.record({ actorId: actor.personId, action: 'digest_channel.removed', subjectType: 'digest_channel', details: { platform: where.platform, channel: where.channelId } });
    return removed;
  });
}
