// Form definitions and sessions on Prisma. A definition's questions are stored as the JSON array
// the digest and the reports read (each question carries `anonymous` when the whole form is
// anonymous, so they need not know about forms), the rest of it in `meta`. A stored definition is
// parsed again on the way out, so the core only ever sees a valid one.
import { formDefinitionSchema, type FormDefinition, type ParsedFormDefinition } from '../../domain/forms/definition.ts';
import type { FormProgress } from '../../domain/forms/engine.ts';
import type { FormDefinitionListing, FormRepository, FormSessionPatch, FormSessionRecord, FormSubjectType } from '../../ports-forms.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from './client.ts';

type DefinitionRow = { id: string; key: string; version: number; questions: Prisma.JsonValue; meta: Prisma.JsonValue; createdAt: Date };
type SessionRow = Prisma.FormSessionGetPayload<object>;

function toDefinition(row: DefinitionRow): FormDefinition {
  const meta = (row.meta ?? {}) as Record<string, unknown>;
  const parsed = formDefinitionSchema.parse({ ...meta, key: row.key, version: row.version, questions: row.questions });
  return { ...parsed, id: row.id, version: row.version };
}

/** The questions as stored: a form's anonymity is written into each of its questions. */
function storedQuestions(definition: ParsedFormDefinition): Prisma.InputJsonValue {
  return definition.questions.map((q) => (definition.anonymous ? { ...q, anonymous: true } : q)) as Prisma.InputJsonValue;
}

function storedMeta(definition: ParsedFormDefinition): Prisma.InputJsonValue {
  const { key: _key, version: _version, questions: _questions, ...meta } = definition;
  return meta as Prisma.InputJsonValue;
}

export class PrismaFormRepository implements FormRepository {
  constructor(private readonly db: Db) {}

  async findLatestDefinitions(): Promise<FormDefinition[]> {
    const rows = await this.db.$queryRaw<DefinitionRow[]>`
      SELECT DISTINCT ON (key) id, key, version, questions, meta, created_at AS "createdAt"
      FROM form_definitions ORDER BY key, version DESC`;
    return rows.map(toDefinition);
  }

  async findLatestDefinition(key: string): Promise<FormDefinition | null> {
    const row = await this.db.formDefinition.findFirst({ where: { key }, orderBy: { version: 'desc' } });
    return row ? toDefinition(row) : null;
  }

  async findDefinition(id: string): Promise<FormDefinition | null> {
    const row = await this.db.formDefinition.findUnique({ where: { id } });
    return row ? toDefinition(row) : null;
  }

  async listDefinitions(): Promise<FormDefinitionListing[]> {
    const rows = await this.db.formDefinition.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }], include: { _count: { select: { sessions: true } } } });
    return rows.map((row) => {
      const definition = toDefinition(row);
      return {
        key: definition.key,
        version: definition.version,
        title: definition.title,
        audience: definition.audience,
        requestTypes: definition.requestTypes,
        anonymous: definition.anonymous,
        questions: definition.questions.length,
        sessions: row._count.sessions,
        createdAt: row.createdAt,
      };
    });
  }

  async createDefinition(definition: ParsedFormDefinition & { version: number }): Promise<FormDefinition | null> {
    const [row] = await this.db.formDefinition.createManyAndReturn({
      data: [{ key: definition.key, version: definition.version, questions: storedQuestions(definition), meta: storedMeta(definition) }],
      skipDuplicates: true,
    });
    return row ? toDefinition(row) : null;
  }

  async createSession(data: { formId: string; personId: string; subjectType: FormSubjectType; subjectId: string; expiresAt: Date; remindAt: Date; focusedAt: Date | null; progress: FormProgress }): Promise<FormSessionRecord | null> {
    const { progress, ...rest } = data;
    const created = await this.db.formSession.createManyAndReturn({
      data: [{ ...rest, step: progress.step, answers: progress.answers, turn: progress.turn, editing: progress.editing }],
      skipDuplicates: true,
    });
    return created[0] ? this.toSession(created[0]) : null;
  }

  async findSession(id: string): Promise<FormSessionRecord | null> {
    const row = await this.db.formSession.findUnique({ where: { id } });
    return row ? this.toSession(row) : null;
  }

  async findSessionForUpdate(id: string): Promise<FormSessionRecord | null> {
    const locked = await this.db.$queryRaw<{ id: string }[]>`SELECT id FROM form_sessions WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length === 0 ? null : this.findSession(id);
  }

  async findActiveByPerson(personId: string): Promise<FormSessionRecord[]> {
    const rows = await this.db.formSession.findMany({
      where: { personId, state: 'active' },
      orderBy: [{ focusedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return this.toSessions(rows);
  }

  async findByRequest(requestId: string): Promise<FormSessionRecord[]> {
    const invitations = await this.db.invitation.findMany({ where: { requestId }, select: { id: true } });
    const rows = await this.db.formSession.findMany({
      where: { OR: [{ subjectType: 'request', subjectId: requestId }, { subjectType: 'invitation', subjectId: { in: invitations.map((i) => i.id) } }] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => this.withRequest(row, requestId));
  }

  async updateSession(id: string, patch: FormSessionPatch): Promise<FormSessionRecord> {
    const { progress, ...rest } = patch;
    const row = await this.db.formSession.update({
      where: { id },
      data: { ...rest, ...(progress ? { step: progress.step, answers: progress.answers, turn: progress.turn, editing: progress.editing } : {}) },
    });
    return this.toSession(row);
  }

  async findDueReminder(now: Date, limit: number): Promise<FormSessionRecord[]> {
    const rows = await this.db.formSession.findMany({ where: { state: 'active', remindedAt: null, remindAt: { lte: now }, expiresAt: { gt: now } }, orderBy: { remindAt: 'asc' }, take: limit });
    return this.toSessions(rows);
  }

  async findExpired(now: Date, limit: number): Promise<FormSessionRecord[]> {
    const rows = await this.db.formSession.findMany({ where: { state: 'active', expiresAt: { lte: now } }, orderBy: { expiresAt: 'asc' }, take: limit });
    return this.toSessions(rows);
  }

  private async toSessions(rows: SessionRow[]): Promise<FormSessionRecord[]> {
    const invitationIds = rows.filter((row) => row.subjectType === 'invitation').map((row) => row.subjectId);
    const invitations = invitationIds.length ? await this.db.invitation.findMany({ where: { id: { in: invitationIds } }, select: { id: true, requestId: true } }) : [];
    const requestOf = new Map(invitations.map((i) => [i.id, i.requestId]));
    return rows.map((row) => this.withRequest(row, row.subjectType === 'invitation' ? (requestOf.get(row.subjectId) ?? row.subjectId) : row.subjectId));
  }

  private async toSession(row: SessionRow): Promise<FormSessionRecord> {
    return (await this.toSessions([row]))[0]!;
  }

  private withRequest(row: SessionRow, requestId: string): FormSessionRecord {
    return {
      id: row.id,
      formId: row.formId,
      personId: row.personId,
      subjectType: row.subjectType as FormSubjectType,
      subjectId: row.subjectId,
      requestId,
      state: row.state,
      platform: row.platform,
      progress: { step: row.step, answers: (row.answers ?? {}) as FormProgress['answers'], turn: row.turn, editing: row.editing },
      expiresAt: row.expiresAt,
      remindAt: row.remindAt,
      remindedAt: row.remindedAt,
      completedAt: row.completedAt,
      focusedAt: row.focusedAt,
      createdAt: row.createdAt,
    };
  }
}
