import type { en } from '../en'
import type { Translation } from '../keys'

export const monitoring: Translation<typeof en.monitoring> = {
  certificate: {
    ok: 'Le certificat de {{domain}} est valable jusqu’au {{date, datetime(dateStyle: long)}}.',
    expiring_one:
      'Le certificat de {{domain}} expire dans {{count}} jour ({{date, datetime(dateStyle: long)}}). Traefik, sur le serveur, le renouvelle normalement tout seul bien avant ; comme il ne l’a pas fait, vérifiez que {{domain}} pointe toujours vers le serveur et que le serveur accepte les connexions sur les ports 80 et 443.',
    expiring_other:
      'Le certificat de {{domain}} expire dans {{count}} jours ({{date, datetime(dateStyle: long)}}). Traefik, sur le serveur, le renouvelle normalement tout seul bien avant ; comme il ne l’a pas fait, vérifiez que {{domain}} pointe toujours vers le serveur et que le serveur accepte les connexions sur les ports 80 et 443.',
    expired:
      'Le certificat de {{domain}} a expiré le {{date, datetime(dateStyle: long)}}. Les visiteurs voient maintenant un avertissement de sécurité au lieu de l’application. Vérifiez que {{domain}} pointe toujours vers le serveur et que le serveur accepte les connexions sur les ports 80 et 443 ; Traefik obtient alors tout seul un nouveau certificat en quelques minutes.',
    wrongName:
      'Le site {{domain}} présente un certificat fait pour un autre nom ({{names}}) : les visiteurs voient un avertissement de sécurité. En général, le domaine pointe vers un autre serveur, ou l’application a été déployée avec un autre domaine.',
    wrongNameUnnamed:
      'Le site {{domain}} présente un certificat fait pour un autre nom : les visiteurs voient un avertissement de sécurité. En général, le domaine pointe vers un autre serveur, ou l’application a été déployée avec un autre domaine.',
    traefikDefault:
      'Le site {{domain}} présente le certificat provisoire de Traefik : Traefik n’a pas encore pu en obtenir un vrai auprès de Let’s Encrypt, et les visiteurs voient un avertissement de sécurité. Vérifiez que {{domain}} pointe vers le serveur et que le serveur accepte les connexions sur les ports 80 et 443 ; Traefik continue d’essayer tout seul.',
    staging:
      'Le certificat de {{domain}} est un certificat d’essai du service d’entraînement de Let’s Encrypt (staging), auquel les navigateurs ne font pas confiance. Réglez le proxy du serveur (Traefik) pour utiliser le vrai service de Let’s Encrypt, puis déployez-le à nouveau.',
    selfSigned:
      'Le certificat de {{domain}} a été fabriqué par le serveur lui-même (auto-signé) : les navigateurs ne lui font pas confiance et les visiteurs voient un avertissement de sécurité. Laissez plutôt Traefik en obtenir un auprès de Let’s Encrypt.',
    unknownIssuer:
      'Le certificat de {{domain}} vient de {{issuer}}, auquel cet ordinateur ne fait pas confiance ; les navigateurs des visiteurs non plus, probablement. Si le certificat a été acheté et installé à la main, vérifiez que toute la chaîne a été installée.',
    notYetValid:
      'Le certificat de {{domain}} ne devient valable que le {{date, datetime(dateStyle: long)}}. Vérifiez la date et l’heure de cet ordinateur ; si elles sont justes, vérifiez celles du serveur.',
    noCertificate: 'Le site {{domain}} n’a présenté aucun certificat. Vérifiez le proxy du serveur (Traefik).',
    refused:
      '{{domain}} a refusé la connexion sécurisée (port {{port}}). Le proxy du serveur (Traefik) est peut-être arrêté, ou un pare-feu ferme le port. Vérifiez l’application Traefik du serveur.',
    timeout:
      '{{domain}} n’a pas répondu à temps sur le port {{port}}. Le serveur est peut-être arrêté ou surchargé, ou un pare-feu bloque le port.',
    noHandshake:
      '{{domain}} a accepté la connexion sur le port {{port}} mais n’a pas établi de connexion sécurisée. Le proxy du serveur (Traefik) est peut-être mal réglé, ou un autre programme utilise le port.',
    noAddress: '{{domain}} ne mène à aucun serveur : son certificat ne peut pas être vérifié. Voyez l’alerte sur le domaine.',
    cantCheck:
      'Impossible de vérifier le certificat de {{domain}} d’ici : cet ordinateur semble hors ligne, ou son réseau bloque la vérification. Ce n’est pas un problème de l’application ; la vérification reprendra quand vous serez de nouveau en ligne.'
  },
  domain: {
    ok: '{{domain}} pointe vers le serveur ({{addresses}}).',
    elsewhere:
      '{{domain}} pointe vers {{found}}, et non vers le serveur ({{expected}}). Les visiteurs risquent d’arriver sur une autre machine, et le certificat risque de ne pas être renouvelé. Chez votre fournisseur de domaine, changez l’enregistrement du domaine pour {{expected}}. Si vous utilisez exprès un service comme Cloudflare devant le serveur, vous pouvez ignorer ceci.',
    missing:
      '{{domain}} ne mène nulle part : aucune adresse ne lui est attribuée. Chez votre fournisseur de domaine, ajoutez pour {{domain}} un enregistrement qui pointe vers {{expected}}. Un nouvel enregistrement peut mettre jusqu’à une heure à être vu partout.',
    serverUnknown: 'Impossible de vérifier où pointe {{domain}} : l’adresse du serveur lui-même est introuvable d’ici.',
    cantCheck:
      'Impossible de vérifier d’ici où pointe {{domain}} : cet ordinateur n’a pas pu joindre son serveur DNS (l’annuaire d’internet). Il est peut-être hors ligne. Ce n’est pas un problème de l’application ; la vérification reprendra quand vous serez de nouveau en ligne.'
  }
}
