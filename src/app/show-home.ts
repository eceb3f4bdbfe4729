// Everything a person's home view shows: their profile and waiting invitations (alumni), their
// requests (staff), and a short status (admins). Each part only for those who may see it.
import type { ProfileView } from '../domain/messages/profile-cards.ts';
import type { RequestView } from '../domain/messages/request-view.ts';
import type { AppContext, DigestChannelRecord } from '../ports.ts';
import type { Platform } from '../domain/vocabulary.ts';
import { digestFailed } from '../domain/digest/channel-lines.ts';
import { hasRole, type Actor } from './support/actor.ts';
import { loadProfileView } from './show-profile.ts';

export interface HomeData {
  profile: ProfileView;
  invitations: { invitationId: string; title: string; replyBy: Date }[];
  requests: RequestView[] | null;
  /** For admins; `paused`: platforms whose sending waits (see delivery/error-classes.ts). */
  status: { open: number; alumni: number; dead: number; paused: { platform: Platform; reason: string; since: Date }[]; failedDigests: DigestChannelRecord[] } | null;
}

export async function showHome(ctx: AppContext, actor: Actor): Promise<HomeData> {
  return ctx.store.transaction(async (repos) => {
    const waiting = await repos.invitations.findByPerson(actor.personId, ['queued', 'sent']);
    const invitations = [];
    for (const invitation of waiting.slice(0, 10)) {
      const request = await repos.requests.findById(invitation.requestId);
      if (request?.state === 'open') invitations.push({ invitationId: invitation.id, title: request.title, replyBy: request.replyBy });
    }
    let requests: RequestView[] | null = null;
    if (hasRole(actor, 'staff', 'admin')) {
      requests = [];
      for (const request of await repos.requests.findByOwner(actor.personId, 10)) {
        const view = await repos.requests.findView(request.id);
        if (view) requests.push(view);
      }
    }
    const status = hasRole(actor, 'admin')
      ? { open: await repos.requests.countOpen(), alumni: await repos.people.countConsentingAlumni(), dead: await repos.outbox.countDead(), paused: await repos.outbox.listPaused(), failedDigests: (await repos.digests.listChannels()).filter(digestFailed) }
      : null;
    return { profile: await loadProfileView(repos, actor), invitations, requests, status };
  });
}
