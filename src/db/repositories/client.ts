import type { Prisma } from '../../generated/prisma/client.ts';

/** A Prisma client or the client of an open transaction; repositories accept either. */
export type Db = Prisma.TransactionClient;
