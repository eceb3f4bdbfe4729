// `npm run demo` as a newcomer runs it: a real process, no accounts, its own temporary data
// directory. It must end with exit 0 and a transcript with both platforms and the whole story.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.ts';

jest.setTimeout(180_000);

function runDemo(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/run-demo.ts'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Bounded: the demo must finish well within two minutes; it is stopped after 170 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm run demo', () => {
  it('plays the story on Slack and Teams, prints what each person saw, and exits 0 without touching ./data', async () => {
    const dataBefore = existsSync(path.join(PROJECT_ROOT, 'data'));
    const { code, out } = await runDemo();
    expect({ code, tail: code === 0 ? '' : out.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(existsSync(path.join(PROJECT_ROOT, 'data'))).toBe(dataBefore);

    // The CLI imported the example faculty and the 200 invented alumni.
    expect(out).toContain('Units: 7 new');
    expect(out).toContain('Alumni: 200 new');
    // The admin granted staff in Slack; staff opened the form and posted.
    expect(out).toContain('[Slack] Kari (admin, Slack) sees (only for them):\n      Nina is now staff.');
    expect(out).toMatch(/\[Slack\] Nina \(staff, Slack\) sees a form open:\n {6}\*\* Request alumni/);
    // Invitations reached alumni on both platforms, with their buttons.
    expect(out).toMatch(/\[Slack\] \w+ \w+ \(alumna\/alumnus, Slack\) sees:\n {6}\*\* (Can you help|Kan du bidra)\?/);
    expect(out).toMatch(/\[Teams\] \w+ \w+ \(alumna\/alumnus, Teams\) sees:\n(?: {6}.*\n)*? {6}\[(Yes, I can|Ja, jeg kan)\]/);
    // Both said yes, and the request filled.
    expect(out).toMatch(/said yes \(2 of 2\)\./);
    expect(out).toContain('The request is filled. Thank you, everyone!');
    // The feedback form, answered in Slack and paused in Teams; the digest preview.
    expect(out).toMatch(/Thank you! Your answers are saved\.|Takk! Svarene dine er lagret\./);
    expect(out).toMatch(/\[Teams\] .* sees:\n {6}(Paused|Satt på pause)/);
    expect(out).toContain('Preview, only for you.');
    // An alumnus takes their data as a file, then erases everything; messages that named them change.
    expect(out).toMatch(/gets a file “alumni-bridge-my-data-[\d-]+\.json”/);
    expect(out).toMatch(/a former participant said yes/);
    expect(out).toMatch(/Everything about you is erased|Alt om deg er slettet/);
    expect(out).toMatch(/Demo finished in \d+ s\./);
  });
});
