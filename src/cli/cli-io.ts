// The CLI's output on a real process: results on stdout, problems on stderr, and a progress
// bar that redraws in place on a terminal and prints a plain line every tenth otherwise.
import { readFile } from 'node:fs/promises';
import type { CliIo, Progress } from './cli-types.ts';

const BAR = 30;

function terminalProgress(stream: NodeJS.WriteStream, label: string, total: number): Progress {
  const draw = (done: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * BAR);
    stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${Math.floor(share * 100)}% ${done}/${total}`);
  };
  draw(0);
  return { update: draw, finish: () => stream.write('\n') };
}

function lineProgress(write: (line: string) => void, label: string, total: number): Progress {
  let lastTenth = 0;
  return {
    update(done) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        write(`${label}: ${done}/${total}`);
      }
    },
    finish: () => undefined,
  };
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: (label, total) => (process.stderr.isTTY ? terminalProgress(process.stderr, label, total) : lineProgress((line) => process.stderr.write(`${line}\n`), label, total)),
    readFile: (path) => readFile(path),
  };
}

/** Collects output in memory (tests, and callers that want the text). */
export function memoryIo(files: Record<string, Buffer | string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => void stdout.push(line),
    err: (line) => void stderr.push(line),
    progress: (label, total) => lineProgress((line) => void stderr.push(line), label, total),
    readFile: async (path) => {
      const content = files[path];
      if (content !== undefined) return Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      return readFile(path);
    },
  };
}
