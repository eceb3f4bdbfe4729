// Who is acting, as the use cases see it. Authorization lives in the use cases, not in the
// adapters: they only say who pressed the button.
import { DomainError } from '../../domain/errors.ts';
import type { Locale, Platform, Role } from '../../domain/vocabulary.ts';

export interface Actor {
  personId: string;
  displayName: string;
  roles: readonly Role[];
  locale: Locale;
  /**
   * false while the person has not consented and is not staff or admin: only their platform ids
   * and language are stored (issue 15), so adapters look them up again at their next contact.
   */
  keepsPersonalData?: boolean;
  /** What the platform showed in this turn (name, verified e-mail), kept in memory only; stored when they consent. */
  seen?: SeenIdentity;
}

/** A person as their platform showed them in this turn. */
export interface SeenIdentity {
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName: string | null;
  email: string | null;
  emailVerified: boolean;
  locale: string | null;
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
