// The "matching" section of the nb catalog (merged into ../nb.ts): the one reminder an alumnus
// gets before the next person is asked.
export const matchingNb = {
  reminder: {
    title: 'Påminnelse: {{title}}',
    text: '{{owner}} håper fortsatt å høre fra deg om denne forespørselen; knappene er i invitasjonen over. Svar gjerne innen {{date}}. Etter det spør vi neste person.',
  },
};
