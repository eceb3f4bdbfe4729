// Where Slack reaches the app and the command it answers to, without loading Bolt (the
// composition root and the HTTP front read them before, or without, the Slack adapter).
export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_COMMAND = '/alumni';
