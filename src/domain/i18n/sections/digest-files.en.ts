// The "digestFiles" section of the en catalog (merged into ../en.ts): reports as files in chat
// (Teams: the file-consent card), the digest preview's chart, and a digest channel that fails.
export const digestFilesEn = {
  report: {
    usage: 'Write `admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]` to me in our personal chat: the report comes as a CSV file.',
    slackUsage: 'Write `{{command}} admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]`: the report comes as a CSV file in your direct messages.',
    unknown: 'There is no report called “{{name}}”.',
    badDate: '“{{value}}” is not a date: write YYYY-MM-DD.',
    badRange: '--from must not be after --to.',
    personal: 'Reports come as files, and I can only send you a file in our personal chat: write `admin report …` to me there.',
    offer: 'The report {{name}} is ready ({{rows}} rows, {{size}}). Accept to save it to your OneDrive.',
    comment: 'A report from Alumni Bridge',
    saved: 'The report is saved in your OneDrive as {{name}}.',
    declined: 'All right, no file was saved. Write `admin report …` again whenever you like.',
    notYours: 'This file was offered to someone else.',
    help: '`admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]` – a CSV file in our personal chat',
  },
  preview: {
    note: 'Preview, only for you. The chart of the last 12 weeks is in your direct messages with me.',
    chartComment: 'Digest preview, only for you: the last 12 weeks',
  },
  failed: {
    line: 'week {{week}}, FAILED {{date}}: {{reason}}',
    title: 'A weekly digest could not be posted',
    text: 'The weekly digest for {{scope}} could not be posted in {{channel}} ({{platform}}) in week {{week}}: {{reason}}. The other channels got theirs. Add the bot to the channel, or stop the digest there with `digest remove`; `digest list` shows how each channel is doing. I will not tell you again while it keeps failing.',
    reason: {
      not_in_channel: 'the bot is not in the channel (not_in_channel)',
      channel_not_found: 'the channel does not exist, or was deleted (channel_not_found)',
      is_archived: 'the channel is archived (is_archived)',
      channel_unknown: 'the bot has never been used in this channel, so Teams cannot reach it there (channel_unknown)',
      ConversationNotFound: 'the channel does not exist, or was deleted (ConversationNotFound)',
      BotNotInConversationRoster: 'the bot is not in this team (BotNotInConversationRoster)',
      http_404: 'the channel does not exist, or was deleted (http_404)',
      other: '{{reason}}',
    },
  },
};
