// The "teamsAdmin" section of the nb catalog (merged into ../nb.ts).
export const teamsAdminNb = {
  placeholder: 'remove me',
};
