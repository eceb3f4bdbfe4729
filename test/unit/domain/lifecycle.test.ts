import { createTranslator } from '../../../src/domain/i18n/translator.ts';
import { deadlineOwnerCard, exhaustedOwnerCard, invitationMessage, ownerNoticeMessage, type InvitationSnapshot } from '../../../src/domain/messages/lifecycle-cards.ts';
import type { RequestView } from '../../../src/domain/messages/request-view.ts';
import { threadCard } from '../../../src/domain/messages/staff-cards.ts';
import { isOwnerMessageKey, liveViewOfKey, ownerDecisionKey, ownerNoticeKey, threadFallbackKey } from '../../../src/domain/outbox-keys.ts';
import { staleAlumnusKey, staleConfirmKey } from '../../../src/domain/stale-press.ts';

const en = createTranslator('en', 'Europe/Oslo');
const view: RequestView = {
  id: 'req-1', title: 'Guest lecture', type: 'guest_lecture', description: 'About tax.', unit: { nb: 'Økonomi', en: 'Economics' }, programme: null, course: null,
  expertise: [], startsAt: new Date('2027-02-10T09:00:00Z'), endsAt: null, format: 'campus', needed: 2, replyBy: new Date('2027-01-20T12:00:00Z'),
  ownerName: 'Kari', state: 'open', cancelReason: null, committed: 1,
};
const invitation = (state: InvitationSnapshot['state'], answeredAt: Date | null = null): InvitationSnapshot => ({ id: 'inv-1', state, answeredAt, reasons: [] });
const ids = (card: { actions?: { id: string }[] }) => (card.actions ?? []).map((action) => action.id);

describe('the invitation message, rendered from the state', () => {
  it('keeps its buttons only while waiting for an answer', () => {
    expect(ids(invitationMessage(invitation('sent'), view, en))).toEqual(['invitation_accept', 'invitation_decline', 'invitation_more']);
    expect(ids(invitationMessage(invitation('accepted'), view, en))).toEqual(['invitation_withdraw']);
    expect(ids(invitationMessage(invitation('confirmed'), { ...view, state: 'filled' }, en))).toEqual(['invitation_withdraw']);
    expect(ids(invitationMessage(invitation('confirmed'), { ...view, state: 'completed' }, en))).toEqual([]);
    expect(ids(invitationMessage(invitation('declined'), view, en))).toEqual([]);
  });

  it('says why a withdrawn invitation ended', () => {
    expect(invitationMessage(invitation('withdrawn'), { ...view, state: 'filled' }, en).text).toBe('This request has been filled. Thank you for your interest!');
    expect(invitationMessage(invitation('withdrawn', new Date()), { ...view, state: 'cancelled', cancelReason: 'Moved' }, en).text).toBe('This request was cancelled: Moved');
    expect(invitationMessage(invitation('withdrawn', new Date()), view, en).text).toBe('You have withdrawn. Kari has been told. Thank you for letting us know.');
    expect(invitationMessage(invitation('withdrawn'), view, en).text).toBe('This invitation is no longer open.');
  });
});

describe("the owner's messages", () => {
  it('offers Confirm only while someone is waiting for it', () => {
    expect(ids(ownerNoticeMessage(invitation('accepted'), 'Ola', view, en))).toEqual(['request_confirm']);
    expect(ownerNoticeMessage(invitation('confirmed'), 'Ola', view, en)).toMatchObject({ text: 'You confirmed Ola for “Guest lecture”.' });
    // Once confirmed, only "Mark as held" is left (for an engagement that ended early).
    expect(ids(ownerNoticeMessage(invitation('confirmed'), 'Ola', view, en))).toEqual(['request_complete']);
    expect(ids(ownerNoticeMessage(invitation('confirmed'), 'Ola', { ...view, state: 'completed' }, en))).toEqual([]);
    expect(ids(ownerNoticeMessage(invitation('accepted'), 'Ola', { ...view, state: 'cancelled' }, en))).toEqual([]);
  });

  it('offers going ahead only when someone said yes, and more time only at the deadline', () => {
    expect(ids(deadlineOwnerCard(view, en))).toEqual(['request_extend', 'request_lower', 'request_cancel']);
    expect(ids(deadlineOwnerCard({ ...view, committed: 0 }, en))).toEqual(['request_extend', 'request_cancel']);
    expect(ids(exhaustedOwnerCard(view, en))).toEqual(['request_lower', 'request_cancel']);
    expect(deadlineOwnerCard(view, en).actions![1]!.label).toBe('Go ahead with 1');
  });
});

describe('the thread', () => {
  it('promises the next person only when someone was asked', () => {
    const line = (next: Parameters<typeof threadCard>[0]) => threadCard(next, view, en).text;
    expect(line({ kind: 'declined', next: { kind: 'asking' } })).toBe('An invitation was declined; I am asking the next person on the list.');
    expect(line({ kind: 'declined', next: { kind: 'nobody' } })).toBe('An invitation was declined.');
    expect(line({ kind: 'declined', next: { kind: 'waiting', pending: 2 } })).toBe('An invitation was declined. Nobody else matches right now; 2 invitations are still out.');
    expect(line({ kind: 'expired', count: 3, next: { kind: 'deadline' } })).toBe('3 invitations expired without an answer. The reply deadline has passed, so nobody new is asked.');
  });
});

describe('stale presses', () => {
  it('answer the alumnus about their invitation and the owner about their request', () => {
    expect(staleAlumnusKey('sent', 'open')).toBeNull();
    expect(staleAlumnusKey('withdrawn', 'filled')).toBe('lifecycle.stale.filled');
    expect(staleAlumnusKey('withdrawn', 'cancelled')).toBe('lifecycle.stale.cancelled');
    expect(staleAlumnusKey('accepted', 'filled')).toBe('lifecycle.stale.accepted');
    expect(staleConfirmKey('accepted', 'open')).toBeNull();
    expect(staleConfirmKey('confirmed', 'filled')).toBe('lifecycle.stale.ownerConfirmed');
    expect(staleConfirmKey('withdrawn', 'open')).toBe('lifecycle.stale.ownerWithdrawn');
    expect(staleConfirmKey('accepted', 'cancelled')).toBe('lifecycle.stale.ownerCancelled');
  });
});

describe('outbox keys', () => {
  it('name the live view of each message that changes, and the owner messages that may go to the thread', () => {
    expect(liveViewOfKey('invitation:i1:invite')).toEqual({ view: 'invitation', invitationId: 'i1' });
    expect(liveViewOfKey('invitation:i1:update')).toEqual({ view: 'invitation', invitationId: 'i1' });
    expect(liveViewOfKey(threadFallbackKey(ownerNoticeKey('i1')))).toEqual({ view: 'owner_notice', invitationId: 'i1' });
    expect(liveViewOfKey('request:r1:card-update')).toEqual({ view: 'request_card', requestId: 'r1' });
    expect(liveViewOfKey('request:r1:thread:filled:1')).toBeNull();
    expect(liveViewOfKey('invitation:i1:confirmed')).toBeNull();
    expect(isOwnerMessageKey(ownerNoticeKey('i1'))).toBe(true);
    expect(isOwnerMessageKey(ownerDecisionKey('r1', 'deadline:1'))).toBe(true);
    expect(isOwnerMessageKey(threadFallbackKey(ownerNoticeKey('i1')))).toBe(false);
    expect(isOwnerMessageKey('invitation:i1:confirmed')).toBe(false);
  });
});
