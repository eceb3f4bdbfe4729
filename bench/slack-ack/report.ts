// The tables bench:slack-ack prints: one per database (commands and button presses at each rate),
// and one for modal submissions. Each figure is the median over the rounds of that round's
// percentile (the median round); the ratio divides our median-round p99 by the bare app's.
import { quantile, type RoundResult } from './sender.ts';

export type Database = 'postgres' | 'embedded';

export interface Round extends RoundResult {
  /** CPU time our service used during the round and until it was idle again, per request (ms); 0 for the bare app. */
  cpuPerRequest: number;
}

export interface Cell {
  database: Database;
  kind: string;
  rate: number;
  ours: Round[];
  bare: Round[];
}

const median = (values: number[]) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** p50 and p99 of the median round. */
export function summary(rounds: Round[]): { p50: number; p99: number } {
  const each = rounds.map((round) => [...round.latencies].sort((a, b) => a - b));
  return { p50: median(each.map((sorted) => quantile(sorted, 0.5))), p99: median(each.map((sorted) => quantile(sorted, 0.99))) };
}

export const ms = (value: number) => (!Number.isFinite(value) ? '–' : value >= 100 ? `${Math.round(value).toLocaleString('en')}` : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const sum = (rounds: Round[], pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
const faults = (rounds: Round[]) => `${sum(rounds, (r) => r.errors)} / ${sum(rounds, (r) => r.non2xx)} / ${sum(rounds, (r) => r.late)} of ${sum(rounds, (r) => r.sent)}`;
const sendRate = (rounds: Round[]) => Math.min(...rounds.map((round) => round.sendRate));

/** The issue's target for this row, and whether it is met ('' where the issue sets none). Refused, failed or late answers fail it whatever the latencies. */
export function target(database: Database, kind: string, rate: number, ratio: number, p99: number, rounds: Round[]): string {
  const faulty = sum(rounds, (r) => r.errors + r.non2xx + r.late) > 0;
  const verdict = (ok: boolean) => (faulty ? '**not met** (failed answers)' : ok ? 'met' : '**not met**');
  if (kind === 'modal') return rate <= 20 ? `p99 ≤ 1 s: ${verdict(p99 <= 1000)}` : '';
  if (database === 'postgres') return rate <= 200 ? `ratio ≤ 1.3: ${verdict(ratio <= 1.3)}` : '';
  if (rate <= 100) return `ratio ≤ 2: ${verdict(ratio <= 2)}`;
  if (rate <= 200) return `p99 ≤ 1 s: ${verdict(p99 <= 1000)}`;
  return '';
}

export function databaseTable(database: Database, cells: Cell[]): string {
  const lines = [
    `**${database === 'postgres' ? 'PostgreSQL' : 'embedded database (PGlite)'}**`,
    '',
    '| kind | rate | ours p50 / p99 | bare p50 / p99 | p99 ratio | errors / non-2xx / over 3 s (ours; bare) | sent/s ours / bare | ours CPU per request | target |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const cell of cells.filter((c) => c.database === database && c.kind !== 'modal')) {
    const ours = summary(cell.ours);
    const bare = summary(cell.bare);
    const ratio = ours.p99 / bare.p99;
    lines.push(
      `| ${cell.kind} | ${cell.rate}/s | ${ms(ours.p50)} / ${ms(ours.p99)} ms | ${ms(bare.p50)} / ${ms(bare.p99)} ms | ${ratio.toFixed(2)} | ${faults(cell.ours)}; ${faults(cell.bare)} | ${Math.round(sendRate(cell.ours))} / ${Math.round(sendRate(cell.bare))} | ${median(cell.ours.map((r) => r.cpuPerRequest)).toFixed(2)} ms | ${target(database, cell.kind, cell.rate, ratio, ours.p99, cell.ours)} |`,
    );
  }
  return lines.join('\n');
}

export function modalTable(cells: Cell[], profiles: number): string {
  const lines = [
    '**Modal submissions (request form: answered after its short part, the first wave behind the answer)**',
    '',
    '| database | alumni | rate | ours p50 / p99 | bare p50 / p99 | p99 ratio | errors / non-2xx / over 3 s (ours) | refused forms | sent/s | ours CPU per request | target |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const cell of cells.filter((c) => c.kind === 'modal')) {
    const ours = summary(cell.ours);
    const bare = summary(cell.bare);
    lines.push(
      `| ${cell.database === 'postgres' ? 'PostgreSQL' : 'embedded'} | ${profiles.toLocaleString('en')} | ${cell.rate}/s | ${ms(ours.p50)} / ${ms(ours.p99)} ms | ${ms(bare.p50)} / ${ms(bare.p99)} ms | ${(ours.p99 / bare.p99).toFixed(1)} | ${faults(cell.ours)} | ${sum(cell.ours, (r) => r.nonEmpty)} | ${Math.round(sendRate(cell.ours))} | ${median(cell.ours.map((r) => r.cpuPerRequest)).toFixed(1)} ms | ${target(cell.database, 'modal', cell.rate, 0, ours.p99, cell.ours)} |`,
    );
  }
  return lines.join('\n');
}

/** One line per round, for the progress log. */
export function roundLine(label: string, round: Round): string {
  const sorted = [...round.latencies].sort((a, b) => a - b);
  const extra = round.cpuPerRequest > 0 ? ` cpu/req ${round.cpuPerRequest.toFixed(2)} ms` : '';
  return `${label}: n=${round.sent} sent/s=${round.sendRate.toFixed(0)} lag≤${round.maxLag.toFixed(0)} ms p50=${ms(quantile(sorted, 0.5))} p99=${ms(quantile(sorted, 0.99))} max=${ms(sorted.at(-1) ?? Number.NaN)} ms err=${round.errors} status=${JSON.stringify(round.statuses)} late=${round.late} body=${round.nonEmpty}${extra}${round.firstFailure ? ` first failure: ${round.firstFailure.slice(0, 120)}` : ''}`;
}
