// The "digestFiles" section of the nb catalog (merged into ../nb.ts): reports as files in chat
// (Teams: the file-consent card), the digest preview's chart, and a digest channel that fails.
export const digestFilesNb = {
  report: {
    usage: 'Skriv `admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]` til meg i vår personlige chat: rapporten kommer som en CSV-fil.',
    slackUsage: 'Skriv `{{command}} admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]`: rapporten kommer som en CSV-fil i direktemeldingene dine.',
    unknown: 'Det finnes ingen rapport som heter «{{name}}».',
    badDate: '«{{value}}» er ikke en dato: skriv ÅÅÅÅ-MM-DD.',
    badRange: '--from kan ikke være etter --to.',
    personal: 'Rapporter kommer som filer, og jeg kan bare sende deg en fil i vår personlige chat: skriv `admin report …` til meg der.',
    offer: 'Rapporten {{name}} er klar ({{rows}} rader, {{size}}). Godta for å lagre den i OneDrive.',
    comment: 'En rapport fra Alumni Bridge',
    saved: 'Rapporten er lagret i OneDrive som {{name}}.',
    declined: 'Greit, ingen fil ble lagret. Skriv `admin report …` igjen når du vil.',
    notYours: 'Denne filen ble tilbudt en annen.',
    help: '`admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]` – en CSV-fil i vår personlige chat',
  },
  preview: {
    note: 'Forhåndsvisning, bare for deg. Diagrammet over de siste 12 ukene ligger i direktemeldingene dine med meg.',
    chartComment: 'Forhåndsvisning av ukeoversikten, bare for deg: de siste 12 ukene',
  },
  failed: {
    line: 'uke {{week}}, FEILET {{date}}: {{reason}}',
    title: 'En ukeoversikt kunne ikke legges ut',
    text: 'Ukeoversikten for {{scope}} kunne ikke legges ut i {{channel}} ({{platform}}) i uke {{week}}: {{reason}}. De andre kanalene fikk sin. Legg boten til i kanalen, eller stopp oversikten der med `digest remove`; `digest list` viser hvordan det går med hver kanal. Jeg sier ikke fra igjen så lenge den fortsetter å feile.',
    reason: {
      not_in_channel: 'boten er ikke med i kanalen (not_in_channel)',
      channel_not_found: 'kanalen finnes ikke, eller er slettet (channel_not_found)',
      is_archived: 'kanalen er arkivert (is_archived)',
      channel_unknown: 'boten har aldri vært brukt i denne kanalen, så Teams når den ikke der (channel_unknown)',
      ConversationNotFound: 'kanalen finnes ikke, eller er slettet (ConversationNotFound)',
      BotNotInConversationRoster: 'boten er ikke med i dette teamet (BotNotInConversationRoster)',
      http_404: 'kanalen finnes ikke, eller er slettet (http_404)',
      other: '{{reason}}',
    },
  },
};
