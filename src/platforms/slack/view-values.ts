// Reads a submitted modal back into the core's input shape, using the same neutral inputs the
// modal was rendered from. The payload is validated with zod first: anything malformed is
// treated as empty, and the use case's own validation then names the field. A static and an
// external select both submit `selected_option`, so long lists read back the same way.
import { z } from 'zod';
import type { CardInput } from '../../domain/cards.ts';
import { endOfLocalDay } from '../../domain/time.ts';

const actionValue = z
  .object({
    type: z.string().optional(),
    value: z.string().nullable().optional(),
    selected_option: z.object({ value: z.string() }).nullable().optional(),
    selected_options: z.array(z.object({ value: z.string() })).optional(),
    selected_date: z.string().nullable().optional(),
    selected_date_time: z.number().nullable().optional(),
    selected_conversation: z.string().nullable().optional(),
    selected_channel: z.string().nullable().optional(),
    selected_user: z.string().nullable().optional(),
  })
  .passthrough();

export const viewStateSchema = z.record(z.string(), z.record(z.string(), actionValue));
export type ViewState = z.infer<typeof viewStateSchema>;

function readOne(input: CardInput, value: z.infer<typeof actionValue> | undefined, timeZone: string): unknown {
  if (!value) return undefined;
  switch (input.kind) {
    case 'select':
      return value.selected_option?.value ?? undefined;
    case 'multiselect':
      return value.selected_options?.map((option) => option.value) ?? [];
    case 'date':
      return value.selected_date ? endOfLocalDay(value.selected_date, timeZone) : undefined;
    case 'datetime':
      return typeof value.selected_date_time === 'number' ? new Date(value.selected_date_time * 1000) : undefined;
    case 'channel':
      return value.selected_conversation ?? value.selected_channel ?? undefined;
    case 'user':
      return value.selected_user ?? undefined;
    default:
      return value.value ?? undefined;
  }
}

/** Field name → raw value for every input of the form. */
export function readViewValues(inputs: readonly CardInput[], rawState: unknown, timeZone: string): Record<string, unknown> {
  const parsed = viewStateSchema.safeParse(rawState);
  const state: ViewState = parsed.success ? parsed.data : {};
  const out: Record<string, unknown> = {};
  for (const input of inputs) out[input.id] = readOne(input, state[input.id]?.[input.id], timeZone);
  return out;
}
