// The link step, for people whose Slack and Teams e-mails differ (or are not verified): a code
// asked for on one platform and typed on the other makes the two accounts one person. One of the
// two must hold nothing yet (only ids): its identities move to the other. A wrong, expired or
// used code, a code typed on the same platform, or two accounts that both hold data get a clear
// answer and change nothing; wrong codes are counted, and too many make the person wait.
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { LINK_CODE_LENGTH, linkCodeFromBytes, normaliseLinkCode } from '../../domain/privacy/link-code.ts';
import { platformName } from '../../domain/privacy/privacy-cards.ts';
import { LINK_CODE_MAX_FAILURES, LINK_CODE_MINUTES } from '../../domain/privacy/settings.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { AppContext, Repositories } from '../../ports.ts';
import type { Actor } from '../support/actor.ts';
import { linkCodeHash } from './support.ts';

const MINUTE_MS = 60_000;

export async function createLinkCode(ctx: AppContext, actor: Actor, platform: Platform): Promise<{ code: string; minutes: number }> {
  const code = linkCodeFromBytes(randomBytes(LINK_CODE_LENGTH));
  const expiresAt = new Date(ctx.clock.now().getTime() + LINK_CODE_MINUTES * MINUTE_MS);
  await ctx.store.transaction(async (repos) => {
    await repos.linkCodes.create({ personId: actor.personId, platform, codeHash: linkCodeHash(normaliseLinkCode(code)!), expiresAt });
    await repos.audit.record({ actorId: actor.personId, action: 'link.code_created', subjectType: 'person', subjectId: actor.personId, personId: actor.personId, details: { platform } });
  });
  return { code, minutes: LINK_CODE_MINUTES };
}

type Refusal = 'invalid' | 'expired' | 'used' | 'samePlatform' | 'already' | 'otherAccount' | 'bothHaveData' | 'tooManyTries';
type Outcome = { linked: true; personId: string } | { linked: false; refusal: Refusal; counts: boolean };

function refused(refusal: Refusal, counts = false): Outcome {
  return { linked: false, refusal, counts };
}

/** Joins the two people: the one holding nothing moves to the other. */
async function join(repos: Repositories, codeOwnerId: string, typistId: string, platform: Platform): Promise<Outcome> {
  for (const id of [codeOwnerId, typistId].sort()) await repos.privacy.lockPerson(id);
  const ownerIdentities = await repos.people.findIdentities(codeOwnerId);
  const typistIdentities = await repos.people.findIdentities(typistId);
  const clash = (from: typeof ownerIdentities, into: typeof ownerIdentities) => from.some((one) => into.some((other) => other.platform === one.platform));
  let from: string;
  let into: string;
  if (await repos.privacy.isBare(typistId)) [from, into] = [typistId, codeOwnerId];
  else if (await repos.privacy.isBare(codeOwnerId)) [from, into] = [codeOwnerId, typistId];
  else return refused('bothHaveData');
  if (clash(from === typistId ? typistIdentities : ownerIdentities, into === typistId ? typistIdentities : ownerIdentities)) return refused('otherAccount');
  await repos.privacy.moveIdentities(from, into);
  await repos.privacy.deleteBare(from);
  await repos.audit.record({ actorId: into, action: 'identity.linked', subjectType: 'person', subjectId: into, personId: into, details: { platform, source: 'link_code' } });
  return { linked: true, personId: into };
}

async function redeem(ctx: AppContext, repos: Repositories, actor: Actor, platform: Platform, code: string | null): Promise<Outcome> {
  const now = ctx.clock.now();
  if ((await repos.linkCodes.countFailures(actor.personId, new Date(now.getTime() - LINK_CODE_MINUTES * MINUTE_MS))) >= LINK_CODE_MAX_FAILURES) return refused('tooManyTries');
  const found = code ? await repos.linkCodes.findForUpdate(linkCodeHash(code)) : null;
  if (!found) return refused('invalid', true);
  if (found.usedAt) return refused(found.personId === actor.personId ? 'already' : 'used');
  if (found.expiresAt <= now) return refused('expired');
  if (found.platform === platform) return refused('samePlatform');
  if (found.personId === actor.personId) {
    await repos.linkCodes.markUsed(found.id, now);
    return refused('already');
  }
  const outcome = await join(repos, found.personId, actor.personId, platform);
  // When the code's owner was the empty one, the code went with them.
  if (outcome.linked && outcome.personId === found.personId) await repos.linkCodes.markUsed(found.id, now);
  return outcome;
}

/**
 * The code typed on `platform` by `actor`. Returns the person the account belongs to now, or
 * throws DomainError with the reason (privacy.link.*). A refusal changes nothing but the count
 * of wrong codes.
 */
export async function redeemLinkCode(ctx: AppContext, actor: Actor, platform: Platform, typed: string): Promise<{ personId: string }> {
  const code = normaliseLinkCode(typed);
  const outcome = await ctx.store.transaction(async (repos) => {
    const result = await redeem(ctx, repos, actor, platform, code);
    if (!result.linked && result.counts) await repos.audit.record({ actorId: actor.personId, action: 'link.failed', subjectType: 'person', subjectId: actor.personId, personId: actor.personId });
    return result;
  });
  if (outcome.linked) return { personId: outcome.personId };
  throw new DomainError(outcome.refusal === 'bothHaveData' || outcome.refusal === 'otherAccount' ? 'conflict' : 'validation', `link refused: ${outcome.refusal}`, {
    messageKey: `privacy.link.${outcome.refusal}`,
    params: { minutes: LINK_CODE_MINUTES, platform: platformName(platform) },
  });
}
