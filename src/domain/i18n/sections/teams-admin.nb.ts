// The "teamsAdmin" section of the nb catalog (merged into ../nb.ts): admin commands and the
// admin card in Teams, and the fresh-install hint on the Teams request form.
export const teamsAdminNb = {
  usage: 'Skriv `admin` for administrasjonskortet, eller `admin gi ansatt navn@example.org`, `admin fjern ansatt navn@example.org`, `admin gi admin navn@example.org`.',
  help: '`admin` – administrasjonskortet: ansatte, enheter og studieprogram (administratorer)',
  forbidden: 'Bare administratorer kan bruke administrasjonskommandoene, og du er ikke administrator. Ingenting ble endret. Spør en administrator hvis du trenger en rolle eller en ny enhet.',
  ownAdmin: 'Du kan ikke ta bort din egen administratorrolle; spør en annen administrator. Ingenting ble endret.',
  noEmail: 'Skriv e-postadressen til personen i feltet først. Ingenting ble endret.',
  badEmail: '«{{email}}» er ikke en e-postadresse. Ingenting ble endret.',
  notFound: 'Ingen med {{email}} har brukt boten, så det er ingen rolle å ta bort. Ingenting ble endret.',
  role: {
    granted: '{{name}} ({{email}}) er nå {{role}}.',
    revoked: '{{name}} ({{email}}) er ikke lenger {{role}}.',
    alreadyHas: '{{name}} ({{email}}) er allerede {{role}}. Ingenting ble endret.',
    alreadyLacks: '{{name}} ({{email}}) er ikke {{role}}. Ingenting ble endret.',
    pending: 'Ingen har brukt boten med {{email}} ennå. Personen blir {{role}} fra første kontakt med denne e-postadressen.',
  },
  unitAdded: 'Enheten {{code}} ({{name}}) er lagt til.',
  unitUpdated: 'Enheten {{code}} ({{name}}) er oppdatert.',
  programmeAdded: 'Studieprogrammet {{code}} ({{name}}) er lagt til.',
  programmeUpdated: 'Studieprogrammet {{code}} ({{name}}) er oppdatert.',
  unitFirst: 'Det finnes ingen enheter ennå, så et studieprogram har ingenting å høre til. Legg til en enhet først.',
  noUnitsHow: 'skriv `admin` til meg og velg «Legg til enhet», eller kjør `npm run cli -- import-units examples/units.csv`.',
};
