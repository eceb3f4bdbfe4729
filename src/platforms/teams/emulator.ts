// The Bot Framework Emulator, in unauthenticated local mode only. It sends no tenant (Teams'
// channelData is absent) and, in its personal chat, no conversation type. Such an activity is
// read as coming from one local workspace, LOCAL_TENANT, in a personal chat, so the bot can answer
// it like a Teams user. With an app id (a real Teams registration) activities are never changed.
import type { Activity } from 'botbuilder';

/** The workspace id of everyone who talks to the bot from the Emulator on this machine. */
export const LOCAL_TENANT = 'local';

/** The activity as the bot should read it in unauthenticated local mode (changed in place). */
export function asLocalActivity(activity: Activity): Activity {
  const data = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const conversation = activity.conversation ?? ({} as Activity['conversation']);
  if (!(typeof data.tenant?.id === 'string' && data.tenant.id) && !conversation.tenantId) {
    activity.channelData = { ...data, tenant: { id: LOCAL_TENANT } };
    conversation.tenantId = LOCAL_TENANT;
  }
  if (activity.channelId === 'emulator' && !conversation.conversationType) conversation.conversationType = 'personal';
  activity.conversation = conversation;
  return activity;
}
