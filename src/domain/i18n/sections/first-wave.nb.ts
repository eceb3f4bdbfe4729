// The "firstWave" section of the nb catalog (merged into ../nb.ts): see first-wave.en.ts.
import type { firstWaveEn } from './first-wave.en.ts';

export const firstWaveNb: typeof firstWaveEn = {
  failedTitle: 'Invitasjonene til «{{title}}» kunne ikke sendes',
  failedText: 'Forespørselen er lagt ut, men noe gikk galt da alumni skulle finnes og inviteres, og ingen er invitert. Avlys forespørselen og legg den ut på nytt; skjer det igjen, si fra til en administrator.',
  failedShortlistTitle: 'Kortlisten for «{{title}}» kunne ikke lages',
  failedShortlistText: 'Forespørselen er lagret som utkast, men noe gikk galt da alumni til kortlisten skulle finnes, og ingen er invitert. Avlys forespørselen og legg den ut på nytt; skjer det igjen, si fra til en administrator.',
};
