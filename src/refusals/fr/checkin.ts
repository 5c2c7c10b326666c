import { CHECKIN } from '../checkin';
import { CodesOf } from '../define';

export const CHECKIN_FR: { readonly [C in CodesOf<typeof CHECKIN>]: string } = {
  'checkin.link_malformed': 'Ce lien semble incomplet. Ouvrez-le à nouveau depuis l’e-mail reçu, ou copiez-le en entier.',
  'checkin.link_forged':
    'Ce lien ne correspond à aucun questionnaire de suivi. Vérifiez qu’il est complet, ou contactez la structure qui vous accompagne.',
  'checkin.link_expired':
    'Ce questionnaire n’est plus ouvert. Si vous souhaitez parler de votre situation, contactez la structure qui vous accompagne.',
  'checkin.already_answered':
    'Nous avons bien reçu votre réponse à ce questionnaire. Si vous avez quelque chose à ajouter, contactez la structure qui vous accompagne.',
  'checkin.cancelled': 'Ce questionnaire de suivi n’est plus d’actualité. Si besoin, contactez la structure qui vous accompagne.',
  'checkin.rating_required': 'Choisissez une réponse entre « Très difficile » et « Très bien ».',
  'checkin.difficulty_unknown': 'Choisissez les difficultés dans la liste proposée.',
  'checkin.text_too_long': '{max, number} caractères au plus.',
  'checkin.alert_note_invalid': 'La note de traitement fait 2 000 caractères au plus.',
  'checkin.offset_invalid': 'Indiquez un délai entier entre 1 et 999, en jours, semaines ou mois.',
  'checkin.step_duplicate': 'Cette étape figure déjà dans le calendrier de suivi.',
  'checkin.step_no_party': 'Cochez au moins un destinataire, ou cochez « Retirer » pour enlever l’étape.',
  'checkin.step_not_in_plan': 'Cette étape ne figure pas dans le calendrier de suivi.',
  'checkin.step_parties_conflict': 'Une étape ne peut pas être réservée à la fois à la personne salariée et à l’employeur.',
  'checkin.plan_empty': 'Gardez au moins une étape de suivi.',
  'checkin.no_answer_days_invalid': 'Indiquez un nombre entier de jours, entre 1 et 60.',
  'checkin.alert_recipients_invalid': 'Choisissez qui reçoit les alertes parmi les choix proposés.',
  'checkin.not_planned': 'Ce point de suivi n’est plus à envoyer : il a déjà été envoyé, sauté ou annulé.',
  'checkin.placement_not_started': 'Démarrez le placement avant d’envoyer un point de suivi.',
  'checkin.not_call_task': 'Ce point de suivi n’est pas un appel à passer.',
  'checkin.call_already_done': 'Cet appel a déjà été noté comme passé.',
  'checkin.simulation_off': 'La simulation du suivi n’existe qu’en développement et en démonstration, jamais sur des données réelles.',
  'checkin.simulation_day_invalid': 'Indiquez une date, au plus tard dans deux ans.',
  'checkin.call_note_invalid': 'Notez ce qui s’est dit pendant l’appel (2 000 caractères au plus).',
};
