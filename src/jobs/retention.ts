// Privacy's scheduled work, run once across instances (see schedules.ts): retention every night,
// consent renewal (lapses and the one reminder) every hour, both in TIMEZONE.
import { lapseConsents } from '../app/privacy/lapse-consents.ts';
import { runRetention } from '../app/privacy/run-retention.ts';
import type { JobDefinition } from './schedules.ts';

export const RETENTION_SCHEDULE = '37 3 * * *';
export const CONSENT_RENEWAL_SCHEDULE = '23 * * * *';

export const PRIVACY_JOBS: JobDefinition[] = [
  { id: 'retention', schedule: RETENTION_SCHEDULE, run: (ctx) => runRetention(ctx) },
  { id: 'consent-renewal', schedule: CONSENT_RENEWAL_SCHEDULE, run: (ctx) => lapseConsents(ctx) },
];
