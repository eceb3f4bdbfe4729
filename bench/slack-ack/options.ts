// bench:slack-ack's settings, from the environment. QUICK=1 is a smoke run (under a minute on
// PostgreSQL); any variable set explicitly wins over QUICK's choices.
import { KINDS, type Kind } from './scenario.ts';
import type { Database } from './report.ts';

export interface Options {
  rates: number[];
  seconds: number;
  rounds: number;
  kinds: Kind[];
  databases: Database[];
  profiles: number;
  modalRate: number;
  /** How our service runs: compiled (`node dist/main.js`, as the Docker image) or under tsx (`npm start`). */
  service: 'compiled' | 'tsx';
  /** Our service's LOG_LEVEL (production default: info). */
  logLevel: string;
  /** Request forms posted to create the invitations the button presses use. */
  setupRequests: number;
  /** Seconds of warm-up per app before the first round of each kind. */
  warmupSeconds: number;
  quick: boolean;
}

const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

function numberOf(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function readOptions(): Options {
  const quick = process.env.QUICK === '1';
  const rates = list(process.env.RATES).map(Number);
  if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0)) throw new Error('RATES must be positive numbers, such as 50,100,200,400');
  const kinds = list(process.env.KINDS);
  const unknownKind = kinds.find((kind) => !(KINDS as readonly string[]).includes(kind));
  if (unknownKind) throw new Error(`KINDS: unknown kind ${unknownKind} (use ${KINDS.join(', ')})`);
  const databases = list(process.env.DATABASES);
  const unknownDatabase = databases.find((database) => database !== 'postgres' && database !== 'embedded');
  if (unknownDatabase) throw new Error(`DATABASES: unknown database ${unknownDatabase} (use postgres, embedded)`);
  const service = process.env.SERVICE ?? (quick ? 'tsx' : 'compiled');
  if (service !== 'compiled' && service !== 'tsx') throw new Error('SERVICE must be compiled or tsx');
  return {
    rates: rates.length > 0 ? rates : quick ? [50, 200] : [50, 100, 200, 400],
    seconds: numberOf('SECONDS', quick ? 1.5 : 3),
    rounds: Math.round(numberOf('ROUNDS', quick ? 1 : 3)),
    kinds: kinds.length > 0 ? (kinds as Kind[]) : [...KINDS],
    databases: databases.length > 0 ? (databases as Database[]) : quick ? ['postgres'] : ['postgres', 'embedded'],
    profiles: Math.round(numberOf('PROFILES', quick ? 2000 : 100_000)),
    modalRate: numberOf('MODAL_RATE', 20),
    service,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    setupRequests: Math.round(numberOf('SETUP_REQUESTS', quick ? 2 : 5)),
    warmupSeconds: numberOf('WARMUP', quick ? 0.5 : 1),
    quick,
  };
}
