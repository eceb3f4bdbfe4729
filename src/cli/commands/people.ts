// people list [--role staff|admin|alumnus] [--limit N]: who the bot knows, with roles.
import { parseArgs } from 'node:util';
import { listPeople } from '../../app/list-people.ts';
import { ROLES, type Role } from '../../domain/vocabulary.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

export const peopleCommand: CliCommand = {
  name: 'people',
  usage: 'list [--role staff|admin|alumnus] [--limit N]',
  summary: 'cli.people.summary',
  async run(args, { ctx, tr, io, actor }) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, limit: { type: 'string', default: '500' } } });
    } catch {
      throw new UsageError(tr.t('cli.people.usage'));
    }
    const { positionals, values } = parsed;
    const limit = Number(values.limit);
    if (positionals.length !== 1 || positionals[0] !== 'list') throw new UsageError(tr.t('cli.people.usage'));
    if (values.role && !ROLES.includes(values.role as Role)) throw new UsageError(tr.t('cli.people.badRole', { value: values.role }));
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(tr.t('cli.people.badLimit', { value: values.limit ?? '' }));
    const { people, more } = await listPeople(ctx, actor, { role: values.role as Role | undefined, limit });
    if (people.length === 0) {
      io.out(tr.t('cli.people.none'));
      return 0;
    }
    for (const person of people) {
      const roles = person.roles.map((role) => tr.t(`roles.${role}`)).join(', ') || '–';
      const pending = person.pending ? ` (${tr.t('cli.people.pending')})` : '';
      io.out(`${person.displayName}\t${person.email ?? '–'}\t${roles}\t${person.platforms.join(', ') || '–'}${pending}`);
    }
    if (more) io.out(tr.t('cli.people.more', { limit }));
    return 0;
  },
};
