// The "importer" section of the nb catalog (merged into ../nb.ts).
export const importerNb = {
  placeholder: 'remove me',
};
