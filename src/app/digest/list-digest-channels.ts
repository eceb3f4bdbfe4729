// The channels that get the digest, each with its scope, language and how its latest digest
// went (posted, on its way, or refused by the platform and why): the admin's status view.
import type { AppContext, DigestChannelRecord } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';

export async function listDigestChannels(ctx: AppContext, actor: Actor): Promise<DigestChannelRecord[]> {
  requireRole(actor, 'admin');
  return ctx.store.transaction((repos) => repos.digests.listChannels());
}
