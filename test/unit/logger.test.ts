import { safeError } from '../../src/logger.ts';
import { collectingLogger } from '../support/logger.ts';

describe('structured logs', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = collectingLogger('info');
    logger.info({ requestId: 'r1' }, 'request posted');
    logger.debug('not at info level');
    expect(lines()).toEqual([expect.objectContaining({ level: 'info', msg: 'request posted', requestId: 'r1', service: 'alumni-bridge', time: expect.any(String) })]);
  });

  it('redacts secrets and personal data passed by mistake', () => {
    const { logger, lines } = collectingLogger('info');
    logger.info({ token: 'xoxb-1', config: { signingSecret: 's', password: 'p' }, email: 'kari@example.no' }, 'oops');
    const text = JSON.stringify(lines());
    for (const value of ['xoxb-1', '"s"', '"p"', 'kari@example.no']) expect(text).not.toContain(value);
    expect(text).toContain('[redacted]');
  });
});

describe('errors in logs', () => {
  it('keep type, code, status and the first message line, never the request an SDK error carries', () => {
    const error = Object.assign(new Error('Request failed\nbody: {"text":"Hei, jeg heter Kari"}'), { name: 'RestError', statusCode: 502, code: 'E1', request: { body: 'Hei, jeg heter Kari' } });
    expect(safeError(error)).toEqual({ type: 'RestError', message: 'Request failed', code: 'E1', status: 502 });
    expect(JSON.stringify(safeError(error))).not.toContain('Kari');
  });
});
