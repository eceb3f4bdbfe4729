// A chat-free driver for the whole robot (in the spirit of Hubot's dummy adapter): people
// join, post and press buttons through the use cases, and `deliver()` plays the dispatcher's
// part, so a test reads like a transcript of what each person saw.
import { addProgramme } from '../../src/app/add-programme.ts';
import { addUnit } from '../../src/app/add-unit.ts';
import { answerInvitation } from '../../src/app/answer-invitation.ts';
import { cancelRequest } from '../../src/app/cancel-request.ts';
import { confirmContributor } from '../../src/app/confirm-contributor.ts';
import { checkInvitationBeforeSend, recordInvitationSent } from '../../src/app/deliver-invitation.ts';
import { giveConsent } from '../../src/app/give-consent.ts';
import { grantRole } from '../../src/app/grant-role.ts';
import { postRequest } from '../../src/app/post-request.ts';
import { resolvePerson } from '../../src/app/resolve-person.ts';
import { updateProfile } from '../../src/app/update-profile.ts';
import type { Actor } from '../../src/app/support/actor.ts';
import type { ActionId, Card } from '../../src/domain/cards.ts';
import type { RequestType } from '../../src/domain/vocabulary.ts';
import type { Address } from '../../src/ports.ts';
import type { CoreHarness } from './core.ts';

export interface Delivered {
  kind: string;
  address: Address;
  card: Card;
  personId: string | null;
  requestId: string | null;
}

const WORKSPACE = 'T0001';

export class Story {
  readonly delivered: Delivered[] = [];
  private counter = 0;
  unitId = '';
  programmeId = '';
  private adminActor: Actor | undefined;

  constructor(readonly core: CoreHarness) {}

  /** The admin (ADMIN_EMAILS) arrives and adds a unit and a programme, as from the admin forms. */
  async setup(): Promise<this> {
    const ctx = this.core.ctx;
    this.adminActor = await resolvePerson(ctx, { platform: 'slack', workspaceId: WORKSPACE, userId: 'UADMIN', displayName: 'Admin', email: 'admin@uni.example', emailVerified: true });
    const { unit } = await addUnit(ctx, this.adminActor, { code: 'ECON', nameNb: 'Økonomisk institutt', nameEn: 'Department of Economics', kind: 'department' });
    const { programme } = await addProgramme(ctx, this.adminActor, { code: 'MSC-ECON', nameNb: 'Master i samfunnsøkonomi', nameEn: 'MSc Economics', level: 'master', unitCode: 'ECON' });
    this.unitId = unit.id;
    this.programmeId = programme.id;
    return this;
  }

  private async join(name: string, locale = 'nb-NO'): Promise<Actor> {
    this.counter += 1;
    const userId = `U${String(this.counter).padStart(4, '0')}`;
    return resolvePerson(this.core.ctx, { platform: 'slack', workspaceId: WORKSPACE, userId, displayName: name, email: `${name.toLowerCase()}@example.no`, emailVerified: true, locale });
  }

  async staff(name: string): Promise<Participant> {
    const actor = await this.join(name);
    const { person } = await grantRole(this.core.ctx, this.adminActor!, actor.personId, 'staff', true, actor.seen);
    return new Participant(this, { ...actor, roles: person.roles });
  }

  async alumnus(name: string, profile: Record<string, unknown> = {}, purposes: RequestType[] = ['guest_lecture'], locale = 'nb-NO'): Promise<Participant> {
    const actor = await this.join(name, locale);
    await giveConsent(this.core.ctx, actor, { purposes, source: 'slack' });
    const alumnus = { ...actor, roles: [...actor.roles, 'alumnus' as const] };
    await updateProfile(this.core.ctx, alumnus, { engagementTypes: purposes, ...profile });
    return new Participant(this, alumnus);
  }

  requestInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      title: 'Gjesteforelesning om offentlig politikk',
      type: 'guest_lecture',
      description: 'Nitti minutter for andreårsstudenter.',
      unitId: this.unitId,
      programmeId: this.programmeId,
      expertise: ['public policy'],
      startsAt: '2027-02-10T09:00:00Z',
      format: 'campus',
      needed: 1,
      replyBy: '2027-01-20T12:00:00Z',
      channel: { platform: 'slack', workspaceId: WORKSPACE, channelId: 'CSTAFF' },
      ...overrides,
    };
  }

  /** Plays the dispatcher: sends every pending message once, checking invitations at send time. */
  async deliver(): Promise<Delivered[]> {
    const prisma = this.core.database.prisma;
    const rows = await prisma.outboxMessage.findMany({ where: { state: 'pending' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const now: Delivered[] = [];
    for (const row of rows) {
      const invitationId = row.kind === 'invitation' ? row.idempotencyKey.split(':')[1]! : null;
      if (invitationId) {
        const decision = await checkInvitationBeforeSend(this.core.ctx, invitationId);
        if (!decision.send) {
          await prisma.outboxMessage.update({ where: { id: row.id }, data: { state: 'skipped', lastError: decision.reason } });
          continue;
        }
        await recordInvitationSent(this.core.ctx, invitationId, 'slack', { channel: 'D1', ts: `${Date.now()}.${row.id.slice(0, 6)}` });
      }
      await prisma.outboxMessage.update({ where: { id: row.id }, data: { state: 'sent', sentAt: new Date() } });
      const target = row.target as { address: Address };
      now.push({ kind: row.kind, address: target.address, card: row.card as Card, personId: row.personId, requestId: row.requestId });
    }
    this.delivered.push(...now);
    return now;
  }

  /** Lines posted in the request's thread, in order. */
  thread(requestId: string): string[] {
    return this.delivered
      .filter((d) => d.kind === 'thread' && d.address.kind === 'channel' && d.address.threadOfRequestId === requestId)
      .map((d) => d.card.text ?? '');
  }

  /** The latest version of the request's channel card. */
  requestCard(requestId: string): Card | undefined {
    return this.delivered.filter((d) => d.requestId === requestId && (d.kind === 'request_card' || d.kind === 'request_card_update')).at(-1)?.card;
  }
}

export class Participant {
  constructor(
    private readonly story: Story,
    readonly actor: Actor,
  ) {}

  get id(): string {
    return this.actor.personId;
  }

  /** Everything this person received: direct messages and edits of their invitations. */
  inbox(): Delivered[] {
    return this.story.delivered.filter((d) => d.personId === this.id && (d.address.kind === 'person' || d.address.kind === 'invitation_message'));
  }

  lastCard(): Card | undefined {
    return this.inbox().at(-1)?.card;
  }

  posts(overrides: Record<string, unknown> = {}) {
    return postRequest(this.story.core.ctx, this.actor, this.story.requestInput(overrides));
  }

  /** Presses a button on the newest message that has it. */
  async presses(actionId: ActionId) {
    const card = [...this.inbox()].reverse().find((d) => d.card.actions?.some((a) => a.id === actionId))?.card;
    const value = card?.actions?.find((a) => a.id === actionId)?.value;
    if (!value) throw new Error(`${this.actor.displayName} has no message with a ${actionId} button`);
    const ctx = this.story.core.ctx;
    switch (actionId) {
      case 'invitation_accept':
        return answerInvitation(ctx, this.actor, value, 'accept');
      case 'invitation_decline':
        return answerInvitation(ctx, this.actor, value, 'decline');
      case 'invitation_more':
        return answerInvitation(ctx, this.actor, value, 'more');
      case 'request_confirm':
        return confirmContributor(ctx, this.actor, value);
      case 'request_cancel':
        return cancelRequest(ctx, this.actor, value, 'Emnet er flyttet');
      default:
        throw new Error(`no driver for ${actionId}`);
    }
  }
}
