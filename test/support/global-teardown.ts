import { dropDatabase, withAdmin } from './postgres.ts';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.ALUMNI_TEST_TEMPLATE;
  if (template) await withAdmin((client) => dropDatabase(client, template));
}
