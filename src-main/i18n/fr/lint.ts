import type { Translation } from '../keys'
import type { lint as en } from '../en/lint'

export const lint: Translation<typeof en> = {
  rules: {
    R001: { title: 'Les fichiers compose indiquent la version « 3.8 »', fix: 'Mettez version: "3.8" en tête de chaque fichier compose.' },
    R002: { title: 'Chaque service a un contrôle de santé', fix: 'Ajoutez une section healthcheck: à chaque service cité, pour que le serveur sache quand il fonctionne vraiment.' },
    R003: { title: 'Chaque image indique sa version (une étiquette)', fix: 'Ajoutez une étiquette à chaque image citée, par ex. nginx:1.25.3, pour que chaque serveur fasse tourner le même logiciel.' },
    R004: { title: 'Aucune image n\'utilise une étiquette mouvante comme « latest »', fix: 'Remplacez « latest » (ou « main », « edge »…) par la version exacte avec laquelle la recette a été testée.' },
    R005: { title: 'Les étiquettes des images ressemblent à des numéros de version', fix: 'Utilisez des étiquettes comme 1.2.3 ou v1.2.3-alpine, pour pouvoir comparer et ordonner les mises à jour.' },
    R006: { title: 'La recette a une version publiée', fix: 'Publiez une version de la recette (abra recipe release), pour qu\'on puisse installer un état connu.' },
    R007: { title: 'Le README décrit la recette (bloc de métadonnées)', fix: 'Remplissez le bloc <!-- metadata --> du README : catégorie, état, image, sauvegardes, e-mail, contrôle de santé, tests et connexion unique.' },
    R008: { title: 'Un fichier de réglages d\'exemple (.env.sample) est fourni', fix: 'Ajoutez un .env.sample avec chaque réglage dont une nouvelle app a besoin et sa valeur par défaut.' },
    R009: { title: 'Un service s\'appelle « app »', fix: 'Appelez le service principal « app » : abra et cette application le cherchent (étiquette de version, commandes, sauvegardes).' },
    R010: { title: 'Le site passe par le proxy inverse (traefik)', fix: 'Ajoutez l\'étiquette de déploiement « traefik.enable=true » au service qui sert le site.' },
    R011: { title: 'Chaque service nomme une image', fix: 'Ajoutez image: … à chaque service cité.' },
    R012: { title: 'Les versions des configs sont tenues dans abra.sh', fix: 'Exportez le *_VERSION de chaque config dans abra.sh (par ex. export NGINX_CONF_VERSION=v1) et augmentez-le quand le fichier change.' },
    R013: { title: 'La recette a un dépôt', fix: 'Publiez la recette dans un dépôt git (git.coopcloud.tech/coop-cloud/<recette>) pour que d\'autres puissent l\'obtenir.' },
    R014: { title: 'Les versions sont des étiquettes git annotées', fix: 'Remplacez chaque étiquette légère par une étiquette annotée (git tag -a <version> -m "<notes>").' },
    R015: { title: 'Les noms des secrets font 12 caractères au plus', fix: 'Raccourcissez chaque secret cité : le serveur refuse les noms de secrets de plus de 64 caractères une fois ajoutés le nom et la version de l\'app.' },
    D001: { title: 'Chaque image peut être téléchargée depuis son registre', fix: 'Vérifiez les noms et étiquettes des images : le registre dit qu\'elles n\'existent pas, un déploiement échouerait.' }
  },
  failing: 'Échoue pour : {{list}}',
  skipped: {
    noWebsite: 'Non vérifié : la recette n\'a pas de site (pas de DOMAIN dans .env.sample).',
    noGit: 'Non vérifié : ce dossier n\'est pas un dépôt git.',
    notAsked: 'Non vérifié : les registres n\'ont pas été interrogés.',
    unreachable: 'Non vérifié : registre injoignable ({{registries}}).'
  },
  badge: {
    problems_one: 'A des problèmes : {{count}}',
    problems_other: 'A des problèmes : {{count}}',
    warnings_one: 'Avertissements : {{count}}',
    warnings_other: 'Avertissements : {{count}}',
    ok: 'Aucun problème connu'
  },
  summary: {
    ok: 'Aucun problème trouvé.',
    problems: '{{errors}} problème(s) et {{warnings}} avertissement(s).'
  },
  notFolder: '{{path}} n\'est pas un dossier de recette (pas de compose.yml). Donnez le nom d\'une recette ou le dossier qui contient son compose.yml.',
  cli: {
    usage: 'applique les règles de recette d\'abra ; code de sortie 1 si une règle de niveau erreur échoue ; --offline n\'interroge pas les registres',
    sayWhat: 'Dites quoi faire avec les recettes : recipe lint <recette|dossier>.',
    notCommand: '« {{sub}} » n\'est pas une commande de recette. Essayez : recipe lint <recette|dossier>.',
    giveOne: 'Donnez un nom de recette, ou un dossier écrit comme un chemin (./ma-recette).',
    heading: 'Recette {{recipe}} :',
    headingVersion: 'Recette {{recipe}}, version {{version}} :'
  },
  table: { id: 'Règle', level: 'Niveau', result: 'Résultat', what: 'Ce qu\'elle vérifie', fix: 'Comment corriger', ok: 'ok', fails: 'échoue', skipped: 'ignorée', warn: 'avert.', error: 'erreur' }
}
