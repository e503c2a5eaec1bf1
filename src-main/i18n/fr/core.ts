import type { en } from '../en'
import type { Translation } from '../keys'

export const core: Translation<typeof en.core> = {
  confine: {
    notName: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » n’est pas un nom. Vérifiez le nom et réessayez.',
    control: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » contient des caractères de contrôle. Vérifiez le nom et réessayez.',
    broken: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » contient des caractères invalides. Vérifiez le nom et réessayez.',
    tooLong: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » est trop long. Vérifiez le nom et réessayez.',
    nameTooLong: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » contient un nom trop long. Vérifiez le nom et réessayez.',
    loop: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » mène à une boucle de liens symboliques. Vérifiez le nom et réessayez.',
    outside: 'L’application n’utilise que des fichiers dans {{root}}, et « {{asked}} » mènerait en dehors. Vérifiez le nom et réessayez.'
  },
  jobs: {
    unknown: 'Cette tâche est inconnue. Elle s’est peut-être terminée avant le redémarrage de l’application.',
    unknownLongAgo: 'Cette tâche est inconnue. Elle s’est peut-être terminée il y a longtemps, ou avant le redémarrage de l’application.'
  },
  limits: {
    folder: 'c’est un dossier, pas un fichier',
    notOrdinary: 'ce n’est pas un fichier ordinaire',
    tooBig: 'il dépasse {{size}}, le maximum que l’application lit dans un tel fichier'
  },
  size: {
    bytes: '{{n}} octets',
    kB: '{{n}} ko',
    MB: '{{n}} Mo',
    decimal: ','
  }
}
