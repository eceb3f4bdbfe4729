import { DomainError } from '../../../src/domain/errors.ts';
import { transitionInvitation } from '../../../src/domain/invitation-state.ts';
import { canTransitionRequest, REQUEST_STATES, transitionRequest, type RequestEvent } from '../../../src/domain/request-state.ts';

describe('request state machine', () => {
  it('follows draft → open → filled → completed → closed', () => {
    let state = transitionRequest('draft', 'open');
    expect(state).toBe('open');
    state = transitionRequest(state, 'fill');
    expect(state).toBe('filled');
    state = transitionRequest(state, 'complete');
    expect(state).toBe('completed');
    expect(transitionRequest(state, 'close')).toBe('closed');
  });

  it.each(['draft', 'open', 'filled'] as const)('can be cancelled while %s', (state) => {
    expect(transitionRequest(state, 'cancel')).toBe('cancelled');
  });

  it.each([
    ['draft', 'fill'],
    ['draft', 'complete'],
    ['open', 'reopen'],
    ['completed', 'reopen'],
    ['completed', 'cancel'],
    ['closed', 'open'],
    ['cancelled', 'open'],
    ['cancelled', 'cancel'],
    ['filled', 'open'],
  ] as const)('refuses %s → %s with a typed error', (from, event) => {
    expect(() => transitionRequest(from, event)).toThrow(DomainError);
    try {
      transitionRequest(from, event);
    } catch (error) {
      expect((error as DomainError).code).toBe('illegal_transition');
      expect((error as DomainError).details.params).toEqual({ from, event });
    }
  });

  it('opens a filled request again when someone withdraws, and completes a request after its engagement, filled or not', () => {
    expect(transitionRequest('filled', 'reopen')).toBe('open');
    expect(transitionRequest('open', 'complete')).toBe('completed');
    expect(transitionRequest('filled', 'complete')).toBe('completed');
  });

  it('ends in closed and cancelled', () => {
    const events: RequestEvent[] = ['open', 'fill', 'reopen', 'complete', 'close', 'cancel'];
    for (const end of ['closed', 'cancelled'] as const) expect(events.some((event) => canTransitionRequest(end, event))).toBe(false);
    expect(REQUEST_STATES).toHaveLength(6);
  });
});

describe('invitation state machine', () => {
  it('goes queued → sent → accepted → confirmed', () => {
    expect(transitionInvitation('queued', 'send')).toBe('sent');
    expect(transitionInvitation('sent', 'accept')).toBe('accepted');
    expect(transitionInvitation('accepted', 'confirm')).toBe('confirmed');
  });

  it('lets a sent invitation be declined, expire or be withdrawn', () => {
    expect(transitionInvitation('sent', 'decline')).toBe('declined');
    expect(transitionInvitation('sent', 'expire')).toBe('expired');
    expect(transitionInvitation('sent', 'withdraw')).toBe('withdrawn');
  });

  it('accepts an answer to a message whose delivery was not recorded yet', () => {
    expect(transitionInvitation('queued', 'accept')).toBe('accepted');
  });

  it('refuses to answer twice, politely (already_answered)', () => {
    for (const from of ['accepted', 'declined', 'expired', 'withdrawn', 'confirmed'] as const) {
      expect(() => transitionInvitation(from, 'accept')).toThrow(expect.objectContaining({ code: 'already_answered' }));
    }
  });

  it('lets someone who said yes (confirmed or not) withdraw, once', () => {
    expect(transitionInvitation('accepted', 'withdraw')).toBe('withdrawn');
    expect(transitionInvitation('confirmed', 'withdraw')).toBe('withdrawn');
    expect(() => transitionInvitation('withdrawn', 'withdraw')).toThrow(expect.objectContaining({ code: 'already_answered' }));
  });

  it('does not confirm someone who has not said yes', () => {
    expect(() => transitionInvitation('sent', 'confirm')).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
  });
});
