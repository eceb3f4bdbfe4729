// "My data" (GDPR art. 15 and 20): a JSON file with every row that references the person, one
// section per table (see src/domain/privacy/data-map.ts), read page by page so that a person
// with thousands of rows never sits in memory as objects, and refused (not cut) when it would
// be larger than the platform takes.
import { DomainError } from '../../domain/errors.ts';
import { PERSONAL_TABLES } from '../../domain/privacy/data-map.ts';
import { sizeText } from '../../domain/privacy/privacy-cards.ts';
import type { AppContext } from '../../ports.ts';
import type { Actor } from '../support/actor.ts';

export const EXPORT_FORMAT = 'alumni-bridge-export/1';
/** Rows read per query. */
export const EXPORT_PAGE = 500;
/** Files up to this size are sent in chat (Slack takes 1 GB; a OneDrive upload session far more). */
export const EXPORT_MAX_BYTES = 50 * 1024 * 1024;

export interface DataExport {
  personId: string;
  filename: string;
  /** The JSON document in pieces, read from the database as it is consumed. */
  chunks(): AsyncGenerator<string>;
}

function header(personId: string, at: Date): string {
  const tables = Object.fromEntries(PERSONAL_TABLES.map((entry) => [entry.table, { holds: entry.holds, references: entry.personColumns }]));
  return `{\n"format": ${JSON.stringify(EXPORT_FORMAT)},\n"exportedAt": ${JSON.stringify(at.toISOString())},\n"person": ${JSON.stringify(personId)},\n"about": ${JSON.stringify(tables)},\n"tables": {`;
}

async function* documentOf(ctx: AppContext, personId: string, at: Date, pageSize: number): AsyncGenerator<string> {
  yield header(personId, at);
  for (const [index, entry] of PERSONAL_TABLES.entries()) {
    yield `${index === 0 ? '' : ','}\n${JSON.stringify(entry.table)}: [`;
    let after: string | null = null;
    let first = true;
    do {
      const page = await ctx.store.transaction((repos) => repos.privacy.exportPage(entry.table, personId, after, pageSize));
      for (const row of page.rows) {
        yield `${first ? '' : ','}\n  ${JSON.stringify(row)}`;
        first = false;
      }
      after = page.next;
    } while (after !== null);
    yield first ? ']' : '\n]';
  }
  yield '\n}\n}\n';
}

/** The person's own export; the request is audited (ids only) before the file is read, so it lists itself (`audit: false` only sizes it). */
export async function exportMyData(ctx: AppContext, actor: Actor, options: { pageSize?: number; audit?: boolean } = {}): Promise<DataExport> {
  const at = ctx.clock.now();
  if (options.audit !== false) {
    await ctx.store.transaction((repos) => repos.audit.record({ actorId: actor.personId, action: 'privacy.exported', subjectType: 'person', subjectId: actor.personId, personId: actor.personId }));
  }
  return {
    personId: actor.personId,
    filename: `alumni-bridge-my-data-${at.toISOString().slice(0, 10)}.json`,
    chunks: () => documentOf(ctx, actor.personId, at, options.pageSize ?? EXPORT_PAGE),
  };
}

/** The whole file as bytes, or DomainError('conflict', privacy.mydata.tooLarge) past `maxBytes` (nothing half-sent). */
export async function exportBytes(data: DataExport, maxBytes = EXPORT_MAX_BYTES): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of data.chunks()) {
    const bytes = Buffer.from(chunk, 'utf8');
    size += bytes.length;
    if (size > maxBytes) throw new DomainError('conflict', 'export too large', { messageKey: 'privacy.mydata.tooLarge', params: { size: `> ${sizeText(maxBytes)}` } });
    parts.push(bytes);
  }
  return Buffer.concat(parts, size);
}
