import type { jobs as en } from '../en/jobs'
import type { Translation } from '../keys'

export const jobs: Translation<typeof en> = {
  heading: 'Tâches',
  running_one: '{{count}} en cours',
  running_other: '{{count}} en cours',
  job: 'Tâche',
  unknown: 'L’application ne connaît pas cette tâche. Elle s’est peut-être terminée avant que l’application ne redémarre.',
  checkAgain: 'Vérifier {{name}} à nouveau',
  status: {
    running: 'En cours',
    done: 'Terminé',
    failed: 'Échec',
    cancelled: 'Annulé'
  },
  progress: '{{title}} : progression',
  finished: 'Terminé. Tout s’est bien passé.',
  cancelled: 'La tâche a été annulée. Plus rien ne sera fait ; ce qui a déjà été fait reste tel quel.',
  failedTitle: '{{title}} : échec',
  failed: 'La tâche a échoué.',
  cancelling: 'Annulation…',
  cancelError: 'La tâche n’a pas pu être annulée',
  nothingLogged: 'Rien n’a encore été journalisé.',
  log: 'Journal de la tâche'
}
