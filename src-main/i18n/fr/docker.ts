import type { en } from '../en'
import type { Translation } from '../keys'

export const docker: Translation<typeof en.docker> = {
  permission:
    'Votre compte sur le serveur n’a pas le droit d’utiliser Docker. Demandez à l’administrateur du serveur de l’ajouter au groupe « docker » (puis reconnectez-vous), ou connectez-vous avec un utilisateur qui peut utiliser Docker.',
  permissionUser:
    'Le compte « {{user}} » sur le serveur n’a pas le droit d’utiliser Docker. Demandez à l’administrateur du serveur de l’ajouter au groupe « docker » (puis reconnectez-vous), ou connectez-vous avec un utilisateur qui peut utiliser Docker.',
  missing: 'Docker ne semble pas installé sur le serveur. Installez Docker sur le serveur, puis réessayez.',
  notRunning: 'Docker est installé sur le serveur mais ne tourne pas. Démarrez-le (par exemple : sudo systemctl start docker), puis réessayez.',
  unreachable: 'Docker sur le serveur est injoignable. Vérifiez qu’il est installé et qu’il tourne, puis réessayez.'
}
