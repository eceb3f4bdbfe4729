import { findHistoryProblem, type AppliedMigration, type LocalMigration } from '../../src/db/migrations.ts';

const local: LocalMigration[] = [
  { name: '20260101000000_init', sql: 'a', checksum: 'c1' },
  { name: '20260201000000_more', sql: 'b', checksum: 'c2' },
];

function row(name: string, checksum: string, extra: Partial<AppliedMigration> = {}): AppliedMigration {
  return { migration_name: name, checksum, finished_at: new Date(), rolled_back_at: null, ...extra };
}

describe('migration history check', () => {
  it('accepts an empty database and one that is behind', () => {
    expect(findHistoryProblem([], local)).toBeNull();
    expect(findHistoryProblem([row('20260101000000_init', 'c1')], local)).toBeNull();
  });

  it('refuses a database migrated by a newer version', () => {
    expect(findHistoryProblem([row('20260101000000_init', 'c1'), row('20270101000000_future', 'c9')], local)).toEqual({
      code: 'database_ahead',
      names: ['20270101000000_future'],
    });
  });

  it('refuses a migration edited after it was applied', () => {
    expect(findHistoryProblem([row('20260101000000_init', 'other')], local)).toEqual({ code: 'migration_changed', names: ['20260101000000_init'] });
  });

  it('refuses to continue after a migration that failed half-way', () => {
    expect(findHistoryProblem([row('20260101000000_init', 'c1', { finished_at: null })], local)?.code).toBe('migration_failed');
  });

  it('ignores migrations that were rolled back', () => {
    expect(findHistoryProblem([row('20270101000000_gone', 'x', { finished_at: null, rolled_back_at: new Date() })], local)).toBeNull();
  });
});
