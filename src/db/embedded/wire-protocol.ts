// The few facts about PostgreSQL's frontend/backend protocol (version 3) the embedded server
// needs: where one frontend message ends, which requests come before the startup message, and
// the transaction status in the backend's ReadyForQuery answers.

/** Codes in the second word of the untyped messages a client sends before (or instead of) starting up. */
export const PROTOCOL_3 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSS_ENCRYPTION_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

const READY_FOR_QUERY = 0x5a; // 'Z'
export const TERMINATE = 0x58; // 'X'
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'

export type FrontendMessage =
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'ssl' | 'gss' | 'cancel' }
  | { kind: 'regular'; type: number; bytes: Buffer };

/**
 * Splits the complete messages off the front of `buffer`. `started` says whether the startup
 * message has been seen (before it, messages have no type byte). Returns the messages and the
 * incomplete rest.
 */
export function splitMessages(buffer: Buffer, started: boolean): { messages: FrontendMessage[]; rest: Buffer; started: boolean } {
  const messages: FrontendMessage[] = [];
  let offset = 0;
  while (true) {
    if (!started) {
      if (buffer.length - offset < 8) break;
      const length = buffer.readInt32BE(offset);
      if (length < 8) throw new Error(`bad startup packet length ${length}`);
      if (buffer.length - offset < length) break;
      const code = buffer.readInt32BE(offset + 4);
      const bytes = buffer.subarray(offset, offset + length);
      offset += length;
      if (code === SSL_REQUEST) messages.push({ kind: 'ssl' });
      else if (code === GSS_ENCRYPTION_REQUEST) messages.push({ kind: 'gss' });
      else if (code === CANCEL_REQUEST) messages.push({ kind: 'cancel' });
      else if (code === PROTOCOL_3) {
        messages.push({ kind: 'startup', bytes: Buffer.from(bytes) });
        started = true;
      } else throw new Error(`unsupported protocol ${code}`);
      continue;
    }
    if (buffer.length - offset < 5) break;
    const length = buffer.readInt32BE(offset + 1);
    if (length < 4) throw new Error(`bad message length ${length}`);
    if (buffer.length - offset < 1 + length) break;
    messages.push({ kind: 'regular', type: buffer[offset] ?? 0, bytes: buffer.subarray(offset, offset + 1 + length) });
    offset += 1 + length;
  }
  return { messages, rest: Buffer.from(buffer.subarray(offset)), started };
}

/** True for the messages after which the backend answers with ReadyForQuery. */
export function endsWithReadyForQuery(type: number): boolean {
  return type === SYNC || type === QUERY;
}

/**
 * The transaction status of the last message in `output` when that message is ReadyForQuery
 * ('I' idle, 'T' in a transaction, 'E' in a failed transaction), otherwise null.
 */
export function finalReadyStatus(output: Uint8Array): string | null {
  let offset = 0;
  let status: string | null = null;
  while (offset + 5 <= output.length) {
    const type = output[offset];
    const length = Buffer.from(output.buffer, output.byteOffset + offset + 1, 4).readInt32BE(0);
    status = type === READY_FOR_QUERY && length === 5 && offset + 6 <= output.length ? String.fromCharCode(output[offset + 5] ?? 0) : null;
    offset += 1 + length;
  }
  return status;
}

/** A Sync message: ends an extended-protocol exchange the client left half-way. */
export const SYNC_MESSAGE = Buffer.from([SYNC, 0, 0, 0, 4]);

/** A simple Query message. */
export function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = QUERY;
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}
