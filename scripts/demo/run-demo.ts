// npm run demo: the whole product in one command, with no accounts. A temporary folder of its
// own (never ./data) holds an embedded database; the real CLI imports the example faculty and
// 200 invented alumni; the real service runs against a local fake Slack and fake Bot Connector;
// the story is played through chat; a transcript shows what each person saw on each platform.
// `npm run demo -- --keep` leaves the server running on port 3978 for the Bot Framework Emulator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importFaculty, startStage, type Stage } from './stage.ts';
import { playStory } from './story.ts';
import { Transcript } from './transcript.ts';

const print = (line: string) => void process.stdout.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  const keep = argv.includes('--keep');
  const workDir = mkdtempSync(path.join(tmpdir(), 'alumni-bridge-demo-'));
  const dataDir = path.join(workDir, 'data');
  const started = Date.now();
  print('Alumni Bridge demo: no Slack or Microsoft account needed. Everything below is the real');
  print('service and CLI; Slack and the Bot Connector are local fakes that record what people see.');
  print(`Data: ${dataDir} (a temporary embedded database; ./data is not touched)`);
  print('');
  print('=== The admin imports the example faculty and 200 invented alumni with the CLI');
  for (const line of await importFaculty(dataDir, workDir)) print(line);
  let stage: Stage | null = null;
  try {
    stage = await startStage(dataDir, workDir, { port: keep ? Number(process.env.DEMO_PORT ?? 3978) : 0 });
    print(`The service is listening on ${stage.base} (log: ${stage.logFile})`);
    const transcript = new Transcript(stage.slack, stage.connector, print);
    await playStory(stage, transcript);
    print('');
    print(`Demo finished in ${Math.round((Date.now() - started) / 1000)} s.`);
    if (keep) {
      print('');
      print(`The service keeps running. Bot Framework Emulator: open ${stage.base.replace('127.0.0.1', 'localhost')}/api/messages`);
      print('with no app id or password, and write "help". Stop with Ctrl-C.');
      const running = stage;
      // Ctrl-C reaches this process twice (from the terminal and again through tsx): the first
      // one stops and cleans up, later ones must not end the process before the folder is gone.
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void running.stop().finally(() => rmSync(workDir, { recursive: true, force: true })).then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return -1;
    }
    return 0;
  } finally {
    if (!keep) {
      await stage?.stop();
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`The demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
