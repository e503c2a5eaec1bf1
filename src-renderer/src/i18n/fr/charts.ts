import type { charts as en } from '../en/charts'
import type { Translation } from '../keys'

export const charts: Translation<typeof en> = {
  summary: {
    hour: '{{now}} maintenant, au plus {{highest}} dans la dernière heure',
    day: '{{now}} maintenant, au plus {{highest}} ces dernières 24 heures'
  },
  summaryStale: {
    hour: '{{latest}} à la dernière mesure ({{when}}), au plus {{highest}} dans la dernière heure',
    day: '{{latest}} à la dernière mesure ({{when}}), au plus {{highest}} ces dernières 24 heures'
  },
  noData: 'Rien de mesuré pour l’instant',
  showTable: 'Afficher en tableau',
  time: 'Heure',
  timeSpan: 'de {{from}} à {{to}}',
  average: 'Moyenne',
  lowest: 'Minimum',
  highest: 'Maximum'
}
