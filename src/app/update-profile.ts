// An alumnus edits their own profile (and language and time zone). Only the fields given
// change; the result is validated as a whole. Nobody edits someone else's profile here.
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { normaliseTag } from '../domain/tags.ts';
import { isTimeZone } from '../domain/time.ts';
import { LOCALES, PLATFORMS, REQUEST_FORMATS, REQUEST_TYPES } from '../domain/vocabulary.ts';
import type { AppContext, ProfileRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { emptyProfile } from './support/profile-defaults.ts';
import { tagList } from './support/request-input.ts';
import { msg, optionalDate, optionalText, parseInput, uuid, wholeNumber } from './support/validation.ts';

function profileInput(now: Date) {
  const thisYear = now.getUTCFullYear();
  return z
    .object({
      employer: optionalText(200),
      sector: optionalText(100).transform((value) => (value === null ? null : normaliseTag(value))),
      expertise: tagList,
      languages: z.array(z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, msg('validation.invalidLanguage'))).max(10).transform((list) => [...new Set(list)]),
      region: optionalText(100),
      engagementTypes: z.array(z.enum(REQUEST_TYPES, { message: msg('validation.invalidChoice') })).transform((list) => [...new Set(list)]),
      formats: z.array(z.enum(REQUEST_FORMATS, { message: msg('validation.invalidChoice') })).min(1, msg('validation.required')),
      availableFrom: optionalDate(),
      availableUntil: optionalDate(),
      maxAsksPerTerm: wholeNumber(0, 20),
      pausedUntil: optionalDate(),
      programmes: z
        .array(z.object({ programmeId: uuid(), graduationYear: wholeNumber(1950, thisYear + 1).nullable().default(null) }))
        .max(10),
      locale: z.enum(LOCALES, { message: msg('validation.invalidChoice') }).nullable(),
      preferredPlatform: z.enum(PLATFORMS, { message: msg('validation.invalidChoice') }).nullable(),
      timeZone: z.string().refine(isTimeZone, msg('validation.invalidTimeZone')).nullable(),
    })
    .superRefine((value, ctx) => {
      if (value.availableFrom && value.availableUntil && value.availableUntil <= value.availableFrom) {
        ctx.addIssue({ code: 'custom', path: ['availableUntil'], message: msg('validation.endBeforeStart') });
      }
    });
}

/** The "thank me by name" answer: yes/no (forms) or a boolean; anything else leaves it as it is. */
function thanksByName(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

export async function updateProfile(ctx: AppContext, actor: Actor, changes: Record<string, unknown>): Promise<ProfileRecord> {
  return ctx.store.transaction(async (repos) => {
    const person = await repos.people.findById(actor.personId);
    if (!person) throw new DomainError('not_found', 'person not found');
    const current = (await repos.profiles.findByPersonIdForUpdate(actor.personId)) ?? { personId: actor.personId, ...emptyProfile() };
    const { personId: _id, ...currentData } = current;
    const { locale, timeZone, preferredPlatform, ...data } = parseInput(profileInput(ctx.clock.now()), {
      ...currentData,
      locale: person.locale,
      timeZone: person.timeZone,
      preferredPlatform: person.preferredPlatform,
      ...changes,
    });
    const known = await repos.catalog.findProgrammes(data.programmes.map((p) => p.programmeId));
    if (known.length !== new Set(data.programmes.map((p) => p.programmeId)).size) {
      throw new DomainError('validation', 'unknown programme', { fields: [{ field: 'programmes', key: 'validation.unknownProgramme' }] });
    }
    await repos.people.update(actor.personId, { locale, timeZone, preferredPlatform });
    const profile = await repos.profiles.upsert(actor.personId, data);
    const thanks = thanksByName(changes.thanksByName);
    if (thanks !== undefined) await repos.digests.setThanksByName(actor.personId, thanks);
    await repos.audit.record({ actorId: actor.personId, action: 'profile.updated', subjectType: 'person', subjectId: actor.personId, personId: actor.personId, details: { fields: Object.keys(changes) } });
    return profile;
  });
}
