// The container where docker is absent: the Dockerfile's npm steps and start command are the
// package.json scripts and the command the README documents; everything it copies exists and is
// not kept out by .dockerignore; the image is non-root on a maintained Node LTS with an init for
// signals; compose.yaml runs PostgreSQL and two replicas behind one port, checked on /readyz.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../../src/paths.ts';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const dockerfile = read('Dockerfile');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
const readme = read('README.md');

/** Instructions (continuation lines joined), comments left out. */
const instructions = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
const runs = instructions.filter((line) => line.startsWith('RUN ')).map((line) => line.slice(4));
const stages = dockerfile.split(/^FROM /m).slice(1);
const lastStage = stages.at(-1) ?? '';

interface Compose {
  services: Record<string, { image?: string; build?: unknown; ports?: string[]; deploy?: { replicas?: number }; healthcheck?: { test: string[] }; volumes?: string[]; environment?: Record<string, string> }>;
}
const compose = parse(read('compose.yaml')) as Compose;

describe('Dockerfile', () => {
  it('builds with npm ci and the build script, and starts the build output as the README says', () => {
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm run build');
    expect(pkg.scripts.build).toMatch(/tsc -p tsconfig\.build\.json/);
    const outDir = (JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir;
    expect(lastStage).toMatch(new RegExp(`CMD \\["node", "${outDir}/main\\.js"\\]`));
    expect(existsSync(path.join(PROJECT_ROOT, 'src/main.ts'))).toBe(true);
    expect(readme).toContain('node dist/main.js');
    expect(readme).toContain('docker compose up');
  });

  it('installs only runtime dependencies in the image, from the lock file', () => {
    expect(runs.some((run) => run.startsWith('npm ci --omit=dev'))).toBe(true);
    expect(runs.some((run) => /npm install(?! )|npm i /.test(run))).toBe(false);
  });

  it('runs as a non-root user on a maintained Node LTS, with tini as PID 1, and installs the chart font', () => {
    const base = /ARG NODE_IMAGE=node:(\d+)-bookworm-slim/.exec(dockerfile);
    expect(Number(base?.[1])).toBeGreaterThanOrEqual(22);
    expect(Number(base?.[1]) % 2).toBe(0);
    expect(lastStage).toMatch(/^USER node$/m);
    expect(lastStage).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(lastStage).toContain('fonts-dejavu-core');
    expect(pkg.engines.node).toMatch(/^>=20/);
  });

  it('copies what the running bot reads from its root (migrations, forms, manifests), and .dockerignore keeps none of it out', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    const copied = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from=')).flatMap((line) => line.slice(5).split(/\s+/).slice(0, -1));
    for (const source of copied) {
      expect(existsSync(path.join(PROJECT_ROOT, source))).toBe(true);
      expect(ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))).toEqual([]);
    }
    for (const needed of ['package.json', 'prisma', 'forms', 'manifests']) expect(lastStage).toMatch(new RegExp(`^COPY ${needed} `, 'm'));
    expect(lastStage).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', 'data', '.git']));
  });

  it('checks its health on /readyz', () => {
    expect(lastStage).toMatch(/HEALTHCHECK[^\n]*\n[^\n]*\/readyz/);
  });
});

describe('compose.yaml', () => {
  it('runs PostgreSQL and two bot replicas behind one port, checked on /readyz', () => {
    const { db, bot, lb } = compose.services;
    expect(db?.image).toMatch(/^postgres:1[67]/);
    expect(bot?.build).toBe('.');
    expect(bot?.deploy?.replicas).toBe(2);
    expect(bot?.ports).toBeUndefined();
    expect(bot?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
    expect(bot?.healthcheck?.test.join(' ')).toContain('/readyz');
    expect(lb?.ports).toEqual(['8080:8080']);
    expect(lb?.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  });

  it('balances the one port over the replicas of the bot service', () => {
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/server bot:3978/);
    expect(nginx).toMatch(/listen 8080;/);
    expect(nginx).toMatch(/proxy_pass http:\/\/alumni_bridge;/);
  });
});
