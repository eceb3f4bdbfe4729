// An alumnus presses "I can help" under a request in the weekly digest. Someone who agreed to
// be asked for this kind of work is put in touch: the request's owner gets a direct message
// (once per person and request), and the alumnus is told so. A request that no longer needs
// people, or someone already invited, gets a polite answer instead.
import { card } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import { hasConsentFor } from '../../domain/matching.ts';
import type { AppContext } from '../../ports.ts';
import type { Actor } from '../support/actor.ts';
import { translatorFor } from '../support/messages.ts';

export interface HelpOffer {
  outcome: 'offered' | 'not_open' | 'already_asked';
  title: string;
  ownerName: string;
}

export async function offerHelp(ctx: AppContext, actor: Actor, requestId: string): Promise<HelpOffer> {
  return ctx.store.transaction(async (repos) => {
    const request = await repos.digests.findHelpTarget(requestId);
    if (!request) throw new DomainError('not_found', `request ${requestId} not found`);
    const owner = await repos.people.findById(request.ownerId);
    const answer = (outcome: HelpOffer['outcome']): HelpOffer => ({ outcome, title: request.title, ownerName: owner?.displayName ?? '' });
    if (request.state !== 'open' || request.committed >= request.needed) return answer('not_open');
    if (await repos.digests.hasInvitation(request.id, actor.personId)) return answer('already_asked');
    const consent = await repos.consents.findCurrent(actor.personId);
    if (!hasConsentFor(consent?.purposes ?? null, request.type)) throw new DomainError('no_consent', 'no consent for this kind of work');
    const tr = await translatorFor(ctx, repos, request.ownerId);
    await repos.outbox.enqueue([
      {
        idempotencyKey: `digest-help:${request.id}:${actor.personId}`,
        kind: 'direct',
        address: { kind: 'person', personId: request.ownerId },
        card: card({ title: tr.t('digest.helpOffer.ownerTitle'), text: tr.t('digest.helpOffer.ownerText', { name: actor.displayName, title: request.title }) }),
        personId: request.ownerId,
        requestId: request.id,
      },
    ]);
    await repos.audit.record({ actorId: actor.personId, action: 'request.help_offered', subjectType: 'request', subjectId: request.id, personId: actor.personId });
    return answer('offered');
  });
}
