// The audit log as admins read it (chat and CLI): newest first, ids only. Reading it is audited too.
import { z } from 'zod';
import type { AppContext, AuditRecord } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { parseInput, wholeNumber } from '../support/validation.ts';

const auditInput = z.object({
  limit: z.preprocess((value) => value ?? 20, wholeNumber(1, 10_000)),
  personId: z.string().trim().min(1).max(100).optional(),
  actionPrefix: z.string().trim().min(1).max(60).optional(),
});

export async function listAudit(ctx: AppContext, actor: Actor, input: unknown): Promise<AuditRecord[]> {
  requireRole(actor, 'admin');
  const query = parseInput(auditInput, input);
  return ctx.store.transaction(async (repos) => {
    const entries = await repos.privacy.listAudit(query);
    await repos.audit.record({ actorId: actor.personId, action: 'audit.read', subjectType: 'audit', details: { entries: entries.length } });
    return entries;
  });
}
