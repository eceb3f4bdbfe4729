// The "matching" section of the en catalog (merged into ../en.ts): the one reminder an alumnus
// gets before the next person is asked.
export const matchingEn = {
  reminder: {
    title: 'Reminder: {{title}}',
    text: '{{owner}} is still hoping to hear from you about this request; the buttons are in the invitation above. Please answer by {{date}}. After that, the next person will be asked.',
  },
};
