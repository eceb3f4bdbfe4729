// The "trust" section of the nb catalog (merged into ../nb.ts): answers at the platforms' edges
// when something outside the bot is slow or asks for what the bot does not do.
import type { trustEn } from './trust.en.ts';

export const trustNb: typeof trustEn = {
  teams: {
    unsupported: 'Det fungerer ikke her. Skriv «hjelp» i chatten med Alumni Bridge for å se hva jeg kan gjøre.',
  },
  slack: {
    slowLookup: 'Slack brukte for lang tid på å fortelle meg hvem du er, så ingenting ble lagret. Send inn på nytt om litt.',
  },
};
