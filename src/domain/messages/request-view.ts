// What the message builders need to know about a request, already joined with names.
import type { Locale, RequestFormat, RequestType } from '../vocabulary.ts';
import type { RequestState } from '../request-state.ts';

export interface LocalisedName {
  nb: string;
  en: string;
}

export interface RequestView {
  id: string;
  title: string;
  type: RequestType;
  description: string;
  unit: LocalisedName;
  programme: LocalisedName | null;
  course: string | null;
  expertise: string[];
  startsAt: Date;
  endsAt: Date | null;
  format: RequestFormat;
  needed: number;
  replyBy: Date;
  ownerName: string;
  state: RequestState;
  cancelReason: string | null;
  /** People who said yes (accepted or confirmed). */
  committed: number;
}

export function nameIn(name: LocalisedName, locale: Locale): string {
  return name[locale];
}
