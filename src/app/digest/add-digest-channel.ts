// An admin chooses a channel for the weekly digest: faculty-wide (no unit) or for one unit, in
// nb or en, and whether alumni read it (open requests then get an "I can help" button). The
// adapter may announce the digest in the channel first: if that fails (the bot is not in the
// channel), nothing is saved. Adding a channel again changes its settings.
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { createTranslator } from '../../domain/i18n/translator.ts';
import { LOCALES, PLATFORMS } from '../../domain/vocabulary.ts';
import type { AppContext, DigestChannelRecord } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { catalogCode } from '../support/catalog-input.ts';
import { msg, parseInput } from '../support/validation.ts';

const channelInput = z.object({
  platform: z.enum(PLATFORMS, { message: msg('validation.invalidChoice') }),
  workspaceId: z.string().trim().max(100).default(''),
  channelId: z.string({ message: msg('validation.required') }).trim().min(1, msg('validation.required')).max(300),
  unitCode: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), catalogCode.nullable().optional()).transform((value) => value ?? null),
  locale: z.enum(LOCALES, { message: msg('validation.invalidChoice') }).optional(),
  alumniReadable: z.boolean().default(false),
});

/** Posts the announcement in the channel; throws when the platform refuses (bot not in the channel). */
export type Announce = (text: string) => Promise<void>;

export async function addDigestChannel(ctx: AppContext, actor: Actor, input: unknown, announce?: Announce): Promise<{ channel: DigestChannelRecord; created: boolean }> {
  requireRole(actor, 'admin');
  const data = parseInput(channelInput, input);
  const locale = data.locale ?? ctx.settings.defaultLocale;
  const unit = data.unitCode ? await ctx.store.transaction((repos) => repos.catalog.findUnitByCode(data.unitCode!)) : null;
  if (data.unitCode && !unit) throw new DomainError('not_found', 'unknown unit', { params: { code: data.unitCode, reason: 'unit' } });
  if (announce) {
    const tr = createTranslator(locale, ctx.settings.timeZone);
    const unitName = unit ? (locale === 'nb' ? unit.nameNb : unit.nameEn) : '';
    await announce(tr.t('digest.channel.announce', { unit: unit ? tr.t('digest.channel.forUnit', { unit: unitName }) : '', language: tr.t(`language.${locale}`).toLowerCase() }));
  }
  return ctx.store.transaction(async (repos) => {
    const result = await repos.digests.upsertChannel({ platform: data.platform, workspaceId: data.workspaceId, channelId: data.channelId, unitId: unit?.id ?? null, locale, alumniReadable: data.alumniReadable });
    await repos.audit.record({ actorId: actor.personId, action: result.created ? 'digest_channel.added' : 'digest_channel.changed', subjectType: 'digest_channel', subjectId: result.channel.id, details: { unit: unit?.code ?? null, locale, alumniReadable: data.alumniReadable } });
    return result;
  });
}
