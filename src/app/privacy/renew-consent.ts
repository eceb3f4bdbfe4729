// "Keep my consent": the person agrees again to the same kinds of work as their last consent,
// for the current version of the consent text, from the renewal reminder's button.
import { DomainError } from '../../domain/errors.ts';
import type { ConsentSource } from '../../domain/vocabulary.ts';
import type { AppContext, ConsentRecord } from '../../ports.ts';
import { giveConsent } from '../give-consent.ts';
import type { Actor } from '../support/actor.ts';

export async function renewConsent(ctx: AppContext, actor: Actor, source: ConsentSource, confirmedFor: string): Promise<ConsentRecord> {
  if (confirmedFor !== actor.personId) throw new DomainError('forbidden', 'a consent is renewed by the person it is about', { messageKey: 'privacy.erase.notYours' });
  const consents = await ctx.store.transaction((repos) => repos.privacy.findConsents(actor.personId));
  const last = consents.at(-1);
  if (!last) throw new DomainError('not_found', 'no consent to renew', { messageKey: 'privacy.renew.nothing' });
  return giveConsent(ctx, actor, { purposes: last.purposes, source });
}
