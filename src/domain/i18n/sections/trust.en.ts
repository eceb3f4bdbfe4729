// The "trust" section of the en catalog (merged into ../en.ts): answers at the platforms' edges
// when something outside the bot is slow or asks for what the bot does not do.
export const trustEn = {
  teams: {
    unsupported: 'That does not work here. Write “help” in your chat with Alumni Bridge to see what I can do.',
  },
  slack: {
    slowLookup: 'Slack took too long to tell me who you are, so nothing was saved. Please submit again in a moment.',
  },
};
