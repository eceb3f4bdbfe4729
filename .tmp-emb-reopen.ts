import { openDatabase } from './src/db/database.ts';
import { createLogger } from './src/logger.ts';
async function main() {
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const db = await openDatabase({ kind: 'pglite', dataDir: process.argv[2]! }, createLogger('silent'));
    await db.prisma.unit.count();
    const opened = performance.now() - t;
    await db.close();
    console.log(`open+query ${opened.toFixed(0)} ms, with close ${(performance.now() - t).toFixed(0)} ms`);
  }
}
void main();
