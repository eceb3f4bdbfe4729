// What a Bot Framework activity must look like before botbuilder and the bot see it: the fields
// the bot reads, with the types and lengths the database holds. Anything else is answered 400.
// Names and locales are not limited here (the core trims them), so a long one is never refused.
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const id = (max: number) => z.string().min(1).max(max);
const optionalText = (max: number) => z.string().max(max).nullish();

const account = z.object({ id: id(300), aadObjectId: id(100).nullish(), name: z.string().nullish() }).passthrough();

export const activityShape = z
  .object({
    type: id(100),
    id: optionalText(300),
    serviceUrl: id(2000),
    channelId: optionalText(100),
    from: account,
    recipient: account,
    conversation: z.object({ id: id(1000), conversationType: optionalText(100), tenantId: optionalText(100) }).passthrough(),
    channelData: z.object({ tenant: z.object({ id: optionalText(100) }).passthrough().nullish() }).passthrough().nullish(),
    locale: z.string().nullish(),
    text: optionalText(100_000),
    name: optionalText(200),
    replyToId: optionalText(300),
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
  })
  .passthrough();

/** True for service URLs on this machine, the only ones answered without an app id. */
export function isLoopback(serviceUrl: unknown): boolean {
  try {
    const host = new URL(String(serviceUrl)).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

export function tenantOfActivity(activity: Partial<Activity>): string {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = data?.tenant?.id ?? activity.conversation?.tenantId;
  return typeof tenant === 'string' ? tenant : '';
}

/** Timestamps as botbuilder expects them (Date, with the raw text kept); unreadable ones are dropped. */
export function withDates(activity: Activity): Activity {
  const out = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = out[field];
    if (value === undefined || value instanceof Date) continue;
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) delete out[field];
    else Object.assign(out, { [field]: date, [raw]: value });
  }
  return activity;
}
