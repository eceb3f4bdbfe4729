// Every Slack request Bolt takes gets an answer within Slack's three seconds: a listener that
// fails before it acknowledges, or one nobody acknowledges, is answered 200 (and logged) instead
// of Bolt's 500, or its 404 after three seconds, which make Slack retry and show an error.
import type { ReceiverDispatchErrorHandlerArgs, ReceiverProcessEventErrorHandlerArgs, ReceiverUnhandledRequestHandlerArgs } from '@slack/bolt';
import { safeError, type Logger } from '../../logger.ts';

/** Slack waits three seconds; this answers a little before, whatever is still running. */
export const SLACK_ANSWER_BY_MS = 2_500;

function answerOk(response: ReceiverUnhandledRequestHandlerArgs['response']): void {
  if (response.headersSent) return;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end();
}

export function alwaysAnswered(logger: Logger) {
  return {
    unhandledRequestTimeoutMillis: SLACK_ANSWER_BY_MS,
    unhandledRequestHandler: ({ response }: ReceiverUnhandledRequestHandlerArgs) => {
      logger.warn('a Slack request was not acknowledged in time; answered 200 so that Slack does not retry it');
      answerOk(response);
    },
    processEventErrorHandler: async ({ error, response }: ReceiverProcessEventErrorHandlerArgs) => {
      logger.error({ err: safeError(error) }, 'a Slack request failed before it was acknowledged');
      answerOk(response);
      return true;
    },
    dispatchErrorHandler: async ({ error, response }: ReceiverDispatchErrorHandlerArgs) => {
      logger.warn({ err: safeError(error) }, 'a Slack request could not be dispatched');
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request' }));
    },
  };
}
