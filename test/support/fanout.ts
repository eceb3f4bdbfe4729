// A fan-out of many invitations on a fresh database: alumni seeded in bulk (with consent and a
// Slack identity each), then one request (or several, each in a staff channel) posted through the
// real use case, which writes every invitation, the channel card, its thread line and their outbox
// rows in one transaction. Used by the crash tests and bench:fanout.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { postRequest } from '../../src/app/post-request.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { PrismaStore } from '../../src/db/store.ts';
import { createLogger } from '../../src/logger.ts';
import type { AppContext } from '../../src/ports.ts';
import { CONSENT_TEXT_VERSION } from '../../src/domain/vocabulary.ts';

export interface Fanout {
  requestId: string;
  invitationKeys: string[];
  /** Every message that must reach Slack once (invitations, channel cards, thread lines), by outbox key. */
  sendKeys: string[];
  /** Outbox row id by key: within one channel, messages must arrive in this order. */
  rowIds: Map<string, string>;
}

export interface FanoutOptions {
  /** Requests the invitations are split over (each invites count / requests people). Default 1. */
  requests?: number;
  /** Staff channels the requests are posted in, round robin (CSTAFF0, CSTAFF1, …). Default: one, CSTAFF. */
  channels?: number;
}

async function seedAlumni(url: string, count: number): Promise<{ ownerId: string; unitId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const unitId = randomUUID();
    const ownerId = randomUUID();
    await client.query(`INSERT INTO units (id, code, name_nb, name_en, kind, updated_at) VALUES ($1, 'ECON', 'Økonomi', 'Economics', 'department', now())`, [unitId]);
    await client.query(`INSERT INTO people (id, display_name, roles, updated_at) VALUES ($1, 'Kari', '{staff}', now())`, [ownerId]);
    await client.query(`INSERT INTO platform_identities (id, person_id, platform, workspace_id, user_id, updated_at) VALUES ($1, $2, 'slack', 'T1', 'UOWNER', now())`, [randomUUID(), ownerId]);
    await client.query(
      `WITH ids AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) n),
            p AS (INSERT INTO people (id, display_name, roles, updated_at) SELECT id, 'Alumnus ' || n, '{alumnus}', now() FROM ids RETURNING id),
            a AS (INSERT INTO alumnus_profiles (person_id, engagement_types, consented_types, updated_at) SELECT id, '{guest_lecture}', '{guest_lecture}', now() FROM ids RETURNING person_id),
            c AS (INSERT INTO consents (id, person_id, given_at, text_version, purposes, source) SELECT gen_random_uuid(), id, now(), $2, '{guest_lecture}', 'csv_import' FROM ids RETURNING id)
       INSERT INTO platform_identities (id, person_id, platform, workspace_id, user_id, updated_at)
       SELECT gen_random_uuid(), id, 'slack', 'T1', 'U' || lpad(n::text, 5, '0'), now() FROM ids`,
      [count, CONSENT_TEXT_VERSION],
    );
    return { ownerId, unitId };
  } finally {
    await client.end();
  }
}

/** Seeds `count` alumni and posts requests that together invite all of them (needed × oversample each). */
export async function createFanout(url: string, count: number, options: FanoutOptions = {}): Promise<Fanout> {
  const { ownerId, unitId } = await seedAlumni(url, count);
  const database: Database = await openDatabase({ kind: 'postgres', url }, createLogger('silent'), { migrate: false });
  const requests = options.requests ?? 1;
  const perRequest = Math.floor(count / requests);
  try {
    const needed = requests > 1 ? Math.min(50, perRequest) : 50;
    const ctx: AppContext = {
      store: new PrismaStore(database.prisma),
      clock: { now: () => new Date() },
      settings: { timeZone: 'Europe/Oslo', defaultLocale: 'nb', oversample: Math.ceil(perRequest / needed), waveReplyHours: 72, adminEmails: [] },
    };
    let requestId = '';
    for (let index = 0; index < requests; index += 1) {
      const channelId = options.channels ? `CSTAFF${index % options.channels}` : 'CSTAFF';
      const { request, invited } = await postRequest(ctx, { personId: ownerId, displayName: 'Kari', roles: ['staff'], locale: 'nb' }, {
        title: requests > 1 ? `Utsending ${index + 1}` : 'Stor utsending',
        type: 'guest_lecture',
        description: 'Alle blir spurt.',
        unitId,
        startsAt: new Date(Date.now() + 30 * 86_400_000),
        format: 'either',
        needed,
        replyBy: new Date(Date.now() + 20 * 86_400_000),
        channel: { platform: 'slack', workspaceId: 'T1', channelId },
      });
      if (invited !== perRequest) throw new Error(`expected ${perRequest} invitations, got ${invited}`);
      requestId ||= request.id;
    }
    const rows = await database.prisma.outboxMessage.findMany({ select: { id: true, idempotencyKey: true, kind: true }, orderBy: { id: 'asc' } });
    return {
      requestId,
      invitationKeys: rows.filter((row) => row.kind === 'invitation').map((row) => row.idempotencyKey),
      sendKeys: rows.map((row) => row.idempotencyKey),
      rowIds: new Map(rows.map((row) => [row.idempotencyKey, row.id])),
    };
  } finally {
    await database.close();
  }
}
