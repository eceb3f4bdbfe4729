// The shapes of a unit and a programme as admins give them: in the chat modal, on the Teams
// card and in the CSV files. One schema each, so every way in checks the same things.
import { z } from 'zod';
import { msg, requiredText } from './validation.ts';

export const UNIT_KINDS = ['faculty', 'department', 'centre'] as const;
export const PROGRAMME_LEVELS = ['bachelor', 'master', 'phd', 'other'] as const;

/** Codes are matched without regard to case and stored in upper case ("econ" = "ECON"). */
export const catalogCode = z
  .string({ message: msg('validation.required') })
  .trim()
  .min(1, msg('validation.required'))
  .max(40, msg('validation.tooLong', { max: 40 }))
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, msg('validation.invalidCode'))
  .transform((code) => code.toUpperCase());

const optionalCode = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), catalogCode.nullable().optional()).transform((value) => value ?? null);

const names = {
  nameNb: requiredText(200),
  nameEn: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), requiredText(200).optional()),
};

export const unitInput = z
  .object({
    code: catalogCode,
    ...names,
    kind: z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(UNIT_KINDS, { message: msg('validation.invalidKind') })),
    parentCode: optionalCode,
  })
  .transform((unit) => ({ ...unit, nameEn: unit.nameEn ?? unit.nameNb }));
export type UnitInput = z.output<typeof unitInput>;

export const programmeInput = z
  .object({
    code: catalogCode,
    ...names,
    level: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() || 'other' : value ?? 'other'),
      z.enum(PROGRAMME_LEVELS, { message: msg('validation.invalidLevel') }),
    ),
    unitCode: catalogCode,
  })
  .transform((programme) => ({ ...programme, nameEn: programme.nameEn ?? programme.nameNb }));
export type ProgrammeInput = z.output<typeof programmeInput>;
