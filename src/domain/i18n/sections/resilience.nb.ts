// «resilience»-delen av nb-katalogen (flettes inn i ../nb.ts): hva administratorer får vite når
// en plattform slutter å ta imot botens meldinger, når den tar imot igjen, og når en melding
// avvises slik den er skrevet.
export const resilienceNb = {
  platform: {
    slack: 'Slack',
    teams: 'Microsoft Teams',
  },
  paused: {
    title: 'Sending til {{platform}} er satt på pause',
    text: '{{platform}} avviser botens meldinger ({{reason}}) siden {{since}}. Ingenting går tapt: meldingene venter, og ingen blir hoppet over på grunn av dette. Boten prøver igjen av seg selv og sender alt som venter så snart {{platform}} tar imot meldinger igjen. Som regel må appen installeres på nytt eller få tilbake tillatelsene sine; driftsloggen sier mer.',
    unreachable: '{{platform}} svarer ikke ({{reason}}) siden {{since}}. Meldingene venter, og boten prøver igjen av seg selv.',
  },
  resumed: {
    title: 'Sending til {{platform}} er i gang igjen',
    text: '{{platform}} tar imot botens meldinger igjen (på pause siden {{since}}). Det som ventet, er på vei.',
  },
  refused: {
    title: 'En melding ble avvist av {{platform}}',
    text: '{{platform}} avviste en melding slik den var skrevet ({{reason}}). Dette er en feil i boten: meldingen ble ikke sendt, og ingen ble hoppet over på grunn av den. Si fra til driftsansvarlig; loggen navngir meldingen.',
  },
  home: {
    paused: '⚠ Sending til {{platform}} er på pause siden {{since}} ({{reason}}); meldingene venter og sendes når det virker igjen.',
  },
};
