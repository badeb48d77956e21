import type { Messages } from "./messages-type";

// Contrôles d'envoi de fichiers (components/uploads/).
export const uploadsFr: Messages["uploads"] = {
  zoneLabel: "Zone de dépôt : déposez ou collez un fichier ici",
  dropToAttach: "Déposez le fichier pour le joindre",
  dropHere: "Déposez un fichier ici, collez-en un, ou",
  choose: "Choisir un fichier",
  chooseMany: "Choisir des fichiers",
  uploading: "Envoi de {name}",
  waiting: { one: "{count} autre en attente", other: "{count} autres en attente" },
  cancel: "Annuler l’envoi",
  done: "{name} envoyé",
  limits: {
    image: "images jusqu’à {size}",
    audio: "audio jusqu’à {size}",
    video: "vidéo jusqu’à {size}",
    file: "PDF, texte ou ZIP jusqu’à {size}",
  },
  units: { bytes: "{n} octets", kb: "{n} Ko", mb: "{n} Mo", gb: "{n} Go" },
  errors: {
    refused: "Ce fichier n’a pas été accepté",
    tooLarge: "Ce fichier fait {size} ; la limite est de {limit}.",
    notImage: "Choisissez une image (JPEG, PNG, WebP ou GIF).",
    empty: "Ce fichier est vide.",
    network: "L’envoi a échoué : vérifiez votre connexion et réessayez.",
    failed: "L’envoi a échoué. Veuillez réessayer.",
  },
  avatar: {
    upload: "Ajouter une photo",
    change: "Changer de photo",
    remove: "Retirer la photo",
    removing: "Retrait…",
    hint: "JPEG, PNG, WebP ou GIF, jusqu’à {size}.",
    saveFailed: "Impossible d’enregistrer votre photo. Veuillez réessayer.",
  },
};
