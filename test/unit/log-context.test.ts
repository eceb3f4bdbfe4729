// Each log line carries its own fields and the id of its request or job, never fields of an earlier line.
import { withRequestId } from '../../src/log-context.ts';
import { collectingLogger } from '../support/logger.ts';

describe('log lines', () => {
  it('do not carry the fields of earlier lines, inside a request or outside one', () => {
    const { logger, lines } = collectingLogger('info');
    logger.info({ migrations: ['m1'] }, 'applied database migrations');
    logger.info('listening');
    withRequestId('req-1', () => {
      logger.warn({ inbox: 'i1' }, 'a platform request failed');
      logger.info('done');
    });
    const [first, second, third, fourth] = lines();
    expect(first).toEqual(expect.objectContaining({ migrations: ['m1'], msg: 'applied database migrations' }));
    expect(second).not.toHaveProperty('migrations');
    expect(third).toEqual(expect.objectContaining({ reqId: 'req-1', inbox: 'i1' }));
    expect(fourth).toEqual(expect.objectContaining({ reqId: 'req-1', msg: 'done' }));
    expect(fourth).not.toHaveProperty('inbox');
  });
});
