import type { webhooksEn } from "./webhooks.en";

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// Webhooks (/dashboard/webhooks), en français. fr.ts les inclut sous `webhooks`.
export const webhooksFr: Shape<typeof webhooksEn> = {
  title: "Webhooks",
  description:
    "Envoyez des notifications signées à vos propres outils quand vos réunions commencent et se terminent, quand les présences sont prêtes, quand vos canaux de cours reçoivent un message ou quand un salon ferme.",
  descriptionAdmin: "En tant qu’administrateur, vos webhooks reçoivent chaque réunion, canal de cours et salon.",
  onlyTitle: "Pour les enseignants et les administrateurs",
  onlyBody: "Les webhooks transmettent les événements d’un cours à d’autres outils. Demandez à un enseignant ou à un administrateur.",
  onlyAction: "Retour à l’accueil",
  create: {
    title: "Nouveau webhook",
    description: "Nous envoyons à cette adresse un corps JSON signé avec votre secret. Ce doit être une adresse http(s) publique.",
    url: "URL de réception",
    urlHint: "Par exemple https://example.com/hooks/mem2gether",
    events: "Événements",
    submit: "Ajouter le webhook",
    submitting: "Ajout…",
    urlRequired: "Saisissez l’adresse qui reçoit les événements.",
    eventsRequired: "Choisissez au moins un événement.",
    urlRefused: "Cette adresse ne peut pas recevoir de webhooks : utilisez une adresse http ou https publique.",
  },
  event: {
    meeting_started: "Une de vos réunions commence",
    meeting_ended: "Une de vos réunions se termine",
    attendance_ready: "Les présences définitives d’une réunion, à sa fin",
    message_created: "Un message dans un de vos canaux de cours",
    room_closed: "Un salon que vous animez ferme",
  },
  secret: {
    title: "Webhook ajouté : copiez son secret de signature maintenant",
    hint: "Il ne sera plus affiché. Servez-vous-en pour vérifier l’en-tête X-Mem2gether-Signature de chaque envoi.",
    copy: "Copier",
    copied: "Secret copié",
    done: "Terminé",
  },
  list: {
    title: "Vos webhooks",
    titleAdmin: "Tous les webhooks",
    none: "Aucun webhook pour l’instant. Ajoutez-en un ci-dessus.",
    created: "Ajouté le {date}",
    secretHint: "Secret : {hint}",
    deliveries: "Envois",
    hideDeliveries: "Masquer les envois",
    delete: "Supprimer",
    deleteNamed: "Supprimer le webhook vers {url}",
  },
  remove: {
    title: "Supprimer ce webhook ?",
    body: "{url} ne recevra plus d’événements, et son journal d’envois est supprimé.",
    confirm: "Supprimer le webhook",
    confirming: "Suppression…",
    done: "Webhook supprimé",
  },
  log: {
    label: "Envois vers {url}",
    none: "Aucun envoi pour l’instant : ils apparaissent ici au fil des événements.",
    refresh: "Actualiser",
    attempts: { one: "{count} tentative", other: "{count} tentatives" },
    response: "HTTP {status}",
    next: "Prochaine tentative {date}",
    redeliver: "Renvoyer",
    redelivered: "Envoi remis en file",
    status: { pending: "En attente", delivering: "En cours", succeeded: "Reçu", failed: "Échec" },
  },
};
