// The "resilience" section of the en catalog (merged into ../en.ts): what admins are told when a
// platform stops taking the bot's messages, when it takes them again, and when a message is
// refused as written.
export const resilienceEn = {
  platform: {
    slack: 'Slack',
    teams: 'Microsoft Teams',
  },
  paused: {
    title: 'Sending to {{platform}} is paused',
    text: '{{platform}} refuses the bot’s messages ({{reason}}) since {{since}}. Nothing is lost: messages wait, and nobody is skipped because of it. The bot tries again by itself and sends everything that waits as soon as {{platform}} takes messages again. Usually the app must be reinstalled or given back its permissions; the operator’s log says more.',
    unreachable: '{{platform}} does not answer ({{reason}}) since {{since}}. Messages wait, and the bot tries again by itself.',
  },
  resumed: {
    title: 'Sending to {{platform}} has resumed',
    text: '{{platform}} takes the bot’s messages again (paused since {{since}}). What waited is on its way.',
  },
  refused: {
    title: 'A message was refused by {{platform}}',
    text: '{{platform}} refused a message as it was written ({{reason}}). This is a fault in the bot: the message was not sent, and nobody was skipped because of it. Please tell the operator; the log names the message.',
  },
  home: {
    paused: '⚠ Sending to {{platform}} is paused since {{since}} ({{reason}}); messages wait and go out when it works again.',
  },
};
