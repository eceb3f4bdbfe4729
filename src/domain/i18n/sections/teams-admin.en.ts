// The "teamsAdmin" section of the en catalog (merged into ../en.ts).
export const teamsAdminEn = {
  placeholder: 'remove me',
};
