import { openPglite } from './src/db/pglite.ts';
async function main() { const db = await openPglite(process.argv[2]!); console.log('HOST', db.connection.host); await new Promise((r) => setTimeout(r, Number(process.argv[3] ?? 8000))); await db.close(); }
void main();
