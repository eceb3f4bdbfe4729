// audit list [--limit N] [--person <id>] [--action <prefix>]: the audit log, newest first, one
// tab-separated line per entry (ids only), for admins and auditors.
import { parseArgs } from 'node:util';
import { listAudit } from '../../app/privacy/list-audit.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'list [--limit N] [--person <id>] [--action <prefix>]',
  summary: 'privacy.cli.audit.summary',
  async run(args, { ctx, tr, io, actor }) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string', default: '100' }, person: { type: 'string' }, action: { type: 'string' } } });
    } catch {
      throw new UsageError(tr.t('privacy.cli.audit.usage'));
    }
    const { positionals, values } = parsed;
    if (positionals.length !== 1 || positionals[0] !== 'list') throw new UsageError(tr.t('privacy.cli.audit.usage'));
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(tr.t('privacy.cli.audit.badLimit', { value: values.limit ?? '' }));
    const entries = await listAudit(ctx, actor, { limit, personId: values.person, actionPrefix: values.action });
    if (entries.length === 0) io.out(tr.t('privacy.audit.none'));
    for (const entry of entries) {
      io.out([entry.at.toISOString(), entry.action, entry.subjectType, entry.subjectId ?? '-', entry.personId ?? '-', entry.actorId ?? '-', JSON.stringify(entry.details)].join('\t'));
    }
    return 0;
  },
};
