// Who is acting, as the use cases see it. Authorization lives in the use cases, not in the
// adapters: they only say who pressed the button.
import { DomainError } from '../../domain/errors.ts';
import type { Locale, Role } from '../../domain/vocabulary.ts';

export interface Actor {
  personId: string;
  displayName: string;
  roles: readonly Role[];
  locale: Locale;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new DomainError('forbidden', `needs one of the roles ${roles.join(', ')}`);
}

export function requireOwnerOrAdmin(actor: Actor, ownerId: string): void {
  if (actor.personId !== ownerId && !hasRole(actor, 'admin')) throw new DomainError('forbidden', 'only the owner or an admin may change this request');
}

/**
 * The operator at the command line. Whoever can run the CLI holds the database, so the CLI acts
 * as an admin; the audit log records it as "cli".
 */
export function operatorActor(locale: Locale): Actor {
  return { personId: 'cli', displayName: 'CLI', roles: ['admin', 'staff'], locale };
}
