// The "firstWave" section of the en catalog (merged into ../en.ts): what a request's owner is
// told when the first wave (invitations, or the shortlist) could not go out behind the form's answer.
export const firstWaveEn = {
  failedTitle: 'The invitations for “{{title}}” could not be sent',
  failedText: 'Your request is posted, but something went wrong while finding and inviting alumni, and nobody has been invited. Please cancel the request and post it again; if it happens again, tell an admin.',
  failedShortlistTitle: 'The shortlist for “{{title}}” could not be made',
  failedShortlistText: 'Your request is saved as a draft, but something went wrong while finding alumni for the shortlist, and nobody has been invited. Please cancel the request and post it again; if it happens again, tell an admin.',
};
