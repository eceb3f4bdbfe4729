// The "importer" section of the en catalog (merged into ../en.ts).
export const importerEn = {
  placeholder: 'remove me',
};
