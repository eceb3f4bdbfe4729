// The "admin" section of the en catalog (merged into ../en.ts).
export const adminEn = {
  placeholder: 'remove me',
};
