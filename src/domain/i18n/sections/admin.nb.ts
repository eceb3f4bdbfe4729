// The "admin" section of the nb catalog (merged into ../nb.ts).
export const adminNb = {
  placeholder: 'remove me',
};
