// A new or wider consent brings the person into the open requests that still need people: each
// such request asks its next candidates, within its waves (the invitations kept out per open
// place) and everyone's caps, so the newcomer is asked when they rank among the next to ask.
// The requests are locked first, in ascending id, as every use case does (see src/db/store.ts).
import type { RequestType } from '../../domain/vocabulary.ts';
import type { AppContext, Repositories, RequestRecord } from '../../ports.ts';
import { askNext } from './next-wave.ts';

/** At most this many open requests are topped up by one consent (the oldest deadlines wait longest). */
const MAX_REQUESTS = 50;

export async function lockOpenRequests(repos: Repositories, types: readonly RequestType[], now: Date): Promise<RequestRecord[]> {
  const ids = await repos.requests.findOpenIdsOfTypes(types, now, MAX_REQUESTS);
  const locked: RequestRecord[] = [];
  for (const id of ids) {
    const request = await repos.requests.findByIdForUpdate(id);
    if (request?.state === 'open') locked.push(request);
  }
  return locked;
}

/** Asks the next people for each request (with the requests locked by lockOpenRequests); returns how many were invited. */
export async function joinOpenRequests(ctx: AppContext, repos: Repositories, requests: readonly RequestRecord[]): Promise<number> {
  let invited = 0;
  for (const request of requests) invited += (await askNext(ctx, repos, request, null, '')).invited;
  return invited;
}
