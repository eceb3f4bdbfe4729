// The "teamsAdmin" section of the en catalog (merged into ../en.ts): admin commands and the
// admin card in Teams, and the fresh-install hint on the Teams request form.
export const teamsAdminEn = {
  usage: 'Write `admin` for the admin card, or `admin grant staff name@example.org`, `admin revoke staff name@example.org`, `admin grant admin name@example.org`.',
  help: '`admin` – the admin card: staff, units and programmes (admins)',
  forbidden: 'Only admins can use the admin commands, and you are not an admin. Nothing was changed. Ask an admin if you need a role or a new unit.',
  ownAdmin: 'You cannot remove your own admin role; ask another admin. Nothing was changed.',
  noEmail: 'Type the person’s e-mail address in the field first. Nothing was changed.',
  badEmail: '“{{email}}” is not an e-mail address. Nothing was changed.',
  notFound: 'Nobody with {{email}} has used the bot, so there is no role to take away. Nothing was changed.',
  role: {
    granted: '{{name}} ({{email}}) is now {{role}}.',
    revoked: '{{name}} ({{email}}) is no longer {{role}}.',
    alreadyHas: '{{name}} ({{email}}) is already {{role}}. Nothing was changed.',
    alreadyLacks: '{{name}} ({{email}}) is not {{role}}. Nothing was changed.',
    pending: 'Nobody has used the bot with {{email}} yet. They will be {{role}} from their first contact with this e-mail.',
  },
  unitAdded: 'Unit {{code}} ({{name}}) is added.',
  unitUpdated: 'Unit {{code}} ({{name}}) is updated.',
  programmeAdded: 'Programme {{code}} ({{name}}) is added.',
  programmeUpdated: 'Programme {{code}} ({{name}}) is updated.',
  unitFirst: 'There are no units yet, so a programme has nothing to belong to. Add a unit first.',
  noUnitsHow: 'write `admin` to me and choose “Add a unit”, or run `npm run cli -- import-units examples/units.csv`.',
};
