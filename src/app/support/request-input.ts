// What staff type into the request form, validated. Shared by postRequest and editRequest.
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { MAX_TAG_LENGTH, MAX_TAGS, normaliseTags } from '../../domain/tags.ts';
import { LOCALES, PLATFORMS, REQUEST_FORMATS, REQUEST_TYPES } from '../../domain/vocabulary.ts';
import type { Repositories, RequestData } from '../../ports.ts';
import { dateValue, msg, optionalDate, optionalText, requiredText, uuid, wholeNumber } from './validation.ts';

export const tagList = z
  .array(z.string().max(MAX_TAG_LENGTH, msg('validation.tagTooLong', { max: MAX_TAG_LENGTH })), { message: msg('validation.invalidChoice') })
  .transform(normaliseTags)
  .refine((tags) => tags.length <= MAX_TAGS, msg('validation.tooManyTags', { max: MAX_TAGS }));

export const channelSchema = z.object({
  platform: z.enum(PLATFORMS),
  workspaceId: z.string().min(1).max(100),
  channelId: z.string().min(1).max(300),
});

const fields = {
  title: requiredText(150),
  type: z.enum(REQUEST_TYPES, { message: msg('validation.invalidChoice') }),
  description: requiredText(3000),
  unitId: uuid(),
  programmeId: uuid().nullable().optional().transform((value) => value ?? null),
  course: optionalText(100),
  expertise: tagList.default([]),
  startsAt: dateValue(),
  endsAt: optionalDate(),
  format: z.enum(REQUEST_FORMATS, { message: msg('validation.invalidChoice') }),
  language: z.enum(LOCALES, { message: msg('validation.invalidChoice') }).nullable().optional().transform((value) => value ?? null),
  needed: wholeNumber(1, 50),
  replyBy: dateValue(),
  /** From forms this arrives as "yes"/"no" (a select), from code as a boolean. */
  reviewShortlist: z.preprocess((value) => (value === 'yes' ? true : value === 'no' || value === '' || value === undefined || value === null ? false : value), z.boolean({ message: msg('validation.invalidChoice') })),
};

/** Checks the dates against each other and against now; adds problems to the right fields. */
function checkDates(now: Date) {
  return (value: { startsAt: Date; endsAt: Date | null; replyBy: Date }, ctx: z.RefinementCtx) => {
    if (value.startsAt <= now) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: msg('validation.dateInPast') });
    if (value.replyBy <= now) ctx.addIssue({ code: 'custom', path: ['replyBy'], message: msg('validation.dateInPast') });
    else if (value.replyBy > value.startsAt) ctx.addIssue({ code: 'custom', path: ['replyBy'], message: msg('validation.deadlineAfterStart') });
    if (value.endsAt && value.endsAt <= value.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: msg('validation.endBeforeStart') });
  };
}

export function requestInputSchema(now: Date) {
  return z.object({ ...fields, channel: channelSchema.nullable().optional().transform((value) => value ?? null) }).superRefine(checkDates(now));
}

export type RequestInput = Omit<RequestData, 'oversample'>;

/** The unit must exist and the programme (if any) must belong to it. */
export async function checkCatalog(repos: Repositories, unitId: string, programmeId: string | null): Promise<void> {
  const unit = await repos.catalog.findUnit(unitId);
  if (!unit) throw new DomainError('validation', 'unknown unit', { fields: [{ field: 'unitId', key: 'validation.unknownUnit' }] });
  if (programmeId === null) return;
  const programme = await repos.catalog.findProgramme(programmeId);
  if (!programme || programme.unitId !== unitId) {
    throw new DomainError('validation', 'unknown programme', { fields: [{ field: 'programmeId', key: 'validation.unknownProgramme' }] });
  }
}
