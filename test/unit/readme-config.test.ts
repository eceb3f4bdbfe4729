// Every environment variable the configuration reads is documented in the README's
// configuration table and in .env.example, and the README documents no variable that does not exist.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function configVariables(): string[] {
  const source = read('src/config.ts');
  const schema = source.slice(source.indexOf('const envSchema'), source.indexOf('.superRefine'));
  return [...schema.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!).sort();
}

describe('configuration documentation', () => {
  const variables = configVariables();

  it('finds the variables in src/config.ts', () => {
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT', 'SLACK_BOT_TOKEN', 'ADMIN_EMAILS']));
  });

  it('documents every variable in the README table, and only those', () => {
    const readme = read('README.md');
    const table = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]!).sort();
    expect(table).toEqual(variables);
  });

  it('lists every variable in .env.example', () => {
    const example = read('.env.example');
    const missing = variables.filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
