// Every call to the Bot Connector (replies, member lookups, proactive sends) ends within a fixed
// time, retries included: botbuilder's client retries with backoff, which held a turn 11–15 s
// on an unreachable service URL. The deadline aborts the call; the outbox retries its own sends.
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export const CONNECTOR_DEADLINE_MS = 4_000;

type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
type PolicyFactory = Extract<NonNullable<ConnectorClientOptions['requestPolicyFactories']>, unknown[]>[number];
type Policy = ReturnType<PolicyFactory['create']>;

function deadlinePolicy(ms: number): PolicyFactory {
  return {
    create: (next: Policy): Policy => ({
      sendRequest: (request) => {
        const deadline = AbortSignal.timeout(ms);
        request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, deadline]) : deadline;
        return next.sendRequest(request);
      },
    }),
  };
}

/** Connector client options whose every call ends within `ms` (retries included). */
export function boundedConnectorOptions(ms = CONNECTOR_DEADLINE_MS): ConnectorClientOptions {
  return { requestPolicyFactories: [deadlinePolicy(ms)] };
}
