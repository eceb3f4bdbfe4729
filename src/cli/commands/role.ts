// role grant|revoke staff|admin <email>
import { grantRoleByEmail, type GrantableRole } from '../../app/grant-role.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

const ACTIONS = ['grant', 'revoke'] as const;
const ROLES = ['staff', 'admin'] as const;

export const roleCommand: CliCommand = {
  name: 'role',
  usage: 'grant|revoke staff|admin <email>',
  summary: 'cli.role.summary',
  async run(args, { ctx, tr, io, actor }) {
    const [action, role, email, ...rest] = args;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) throw new UsageError(tr.t('cli.role.badAction', { value: action ?? '' }));
    if (!ROLES.includes(role as GrantableRole)) throw new UsageError(tr.t('cli.role.badRole', { value: role ?? '' }));
    if (!email || rest.length > 0) throw new UsageError(tr.t('cli.role.oneEmail'));
    const granted = action === 'grant';
    let result;
    try {
      result = await grantRoleByEmail(ctx, actor, email, role as GrantableRole, granted);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
      io.err(tr.t('cli.role.unknownEmail', { email: email.trim().toLowerCase() }));
      return 1;
    }
    const roleName = tr.t(`roles.${role}`);
    const key = result.pending ? 'cli.role.pending' : !result.changed ? (granted ? 'cli.role.alreadyHas' : 'cli.role.alreadyLacks') : granted ? 'cli.role.granted' : 'cli.role.revoked';
    io.out(tr.t(key, { email: email.trim().toLowerCase(), role: roleName, name: result.person.displayName }));
    return 0;
  },
};
