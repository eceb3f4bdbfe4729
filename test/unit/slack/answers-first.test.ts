// The request form's answers come before the first waves behind earlier answers.
import { AnswersFirst } from '../../../src/platforms/slack/listeners/answers-first.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('answers first', () => {
  it('starts the work behind an answer only once no form is being answered', async () => {
    const order = new AnswersFirst(2);
    const log: string[] = [];
    const answering = deferred();
    const answer = order.answer(async () => {
      log.push('answer started');
      await answering.promise;
      log.push('answer done');
    });
    const behind = order.behind(async () => void log.push('first wave'));
    await settle();
    expect(log).toEqual(['answer started']);
    answering.resolve();
    await Promise.all([answer, behind]);
    expect(log).toEqual(['answer started', 'answer done', 'first wave']);
  });

  it('runs at most the given number behind the answers at once, the others after them', async () => {
    const order = new AnswersFirst(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      order.behind(async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[0]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await Promise.all(runs);
  });

  it('lets an answer that arrives meanwhile go before work still waiting', async () => {
    const order = new AnswersFirst(1);
    const log: string[] = [];
    const running = deferred();
    const first = order.behind(async () => {
      log.push('wave 1');
      await running.promise;
    });
    const second = order.behind(async () => void log.push('wave 2'));
    const answering = deferred();
    const answer = order.answer(async () => {
      log.push('answer');
      await answering.promise;
    });
    running.resolve();
    await first;
    await settle();
    expect(log).toEqual(['wave 1', 'answer']);
    answering.resolve();
    await Promise.all([answer, second]);
    expect(log).toEqual(['wave 1', 'answer', 'wave 2']);
  });
});
