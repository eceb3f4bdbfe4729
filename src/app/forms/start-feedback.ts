// When a request completes (its engagement has ended, or its owner marked it as held), a
// feedback form goes to each contributor who said yes and to the owner: the newest version of
// the form for that kind of engagement. A person already answering another form gets this one
// after it. With nobody to ask, the request closes at once. Call with the request locked.
import { chooseForm, reminderDays, type Audience, type FormDefinition } from '../../domain/forms/definition.ts';
import { COMMITTED_INVITATION_STATES } from '../../domain/invitation-state.ts';
import type { AppContext, FormSubjectType, Repositories, RequestRecord } from '../../ports.ts';
import { ensureDefaultForms } from './default-forms.ts';
import { closeIfDone, focusNext } from './form-flow.ts';

const DAY_MS = 86_400_000;

interface Recipient {
  personId: string;
  audience: Audience;
  subjectType: FormSubjectType;
  subjectId: string;
}

export async function startFeedback(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<{ sessions: number }> {
  await ensureDefaultForms(repos);
  const forms = await repos.forms.findLatestDefinitions();
  const contributors = await repos.invitations.findByRequest(request.id, COMMITTED_INVITATION_STATES);
  const recipients: Recipient[] = contributors.map((invitation) => ({ personId: invitation.personId, audience: 'alumnus', subjectType: 'invitation', subjectId: invitation.id }));
  if (recipients.length > 0) recipients.push({ personId: request.ownerId, audience: 'owner', subjectType: 'request', subjectId: request.id });
  let created = 0;
  for (const recipient of recipients) {
    const form = chooseForm(forms, recipient.audience, request.type);
    if (form && (await createSession(ctx, repos, form, recipient))) created += 1;
  }
  for (const personId of new Set(recipients.map((recipient) => recipient.personId))) await focusNext(ctx, repos, personId);
  if (created > 0) await repos.audit.record({ actorId: null, action: 'feedback.started', subjectType: 'request', subjectId: request.id, details: { forms: created } });
  else await closeIfDone(ctx, repos, request.id);
  return { sessions: created };
}

async function createSession(ctx: AppContext, repos: Repositories, form: FormDefinition, recipient: Recipient): Promise<boolean> {
  const now = ctx.clock.now().getTime();
  const session = await repos.forms.createSession({
    formId: form.id,
    personId: recipient.personId,
    subjectType: recipient.subjectType,
    subjectId: recipient.subjectId,
    expiresAt: new Date(now + form.expiresAfterDays * DAY_MS),
    remindAt: new Date(now + reminderDays(form) * DAY_MS),
    focusedAt: null,
    progress: { step: 0, answers: {}, editing: false, turn: 0 },
  });
  return session !== null;
}
