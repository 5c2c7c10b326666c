import { CodesOf } from '../define';
import { PITCH } from '../pitch';

// ICU: text between apostrophes is literal, so that '{{ }}' shows the braces.
export const PITCH_FR: { readonly [C in CodesOf<typeof PITCH>]: string } = {
  'pitch.kind_invalid': 'Choisissez un type d’argumentaire dans la liste.',
  'pitch.title_invalid': 'Indiquez le titre de l’argumentaire (200 caractères au plus).',
  'pitch.naf_prefixes_invalid': 'Codes NAF ou débuts de code séparés par des virgules, par exemple 47, 10.71 ou 47.11D.',
  'pitch.headcount_bands_invalid': 'Cochez des tranches d’effectif de la liste.',
  'pitch.opening_invalid': 'L’accroche tient en 5 000 caractères au plus.',
  'pitch.offer_invalid': 'L’offre de service tient en 5 000 caractères au plus.',
  'pitch.questions_invalid': 'Jusqu’à 30 questions de 1 000 caractères au plus, une par ligne.',
  'pitch.closing_invalid': 'La conclusion tient en 5 000 caractères au plus.',
  'pitch.change_note_invalid': 'La note de modification tient en 500 caractères au plus.',
  'pitch.version_invalid': 'La version de l’argumentaire est invalide : rechargez la page.',
  'pitch.objections_invalid': 'Jusqu’à 30 objections.',
  'pitch.objection_required': 'Indiquez l’objection à laquelle répond ce texte.',
  'pitch.objection_too_long': 'L’objection tient en 500 caractères au plus.',
  'pitch.answer_required': 'Indiquez la réponse à cette objection.',
  'pitch.answer_too_long': 'La réponse tient en 5 000 caractères au plus.',
  'pitch.objection_key_invalid': 'Cette objection figure deux fois : rechargez la page.',
  'pitch.duplicate_objection_key': 'Cette objection figure deux fois : rechargez la page.',

  'pitch.template_broken': "Le texte est mal formé : vérifiez les accolades '{{ }}' et que chaque '{{#if …}}' est fermé par '{{/if}}'.",
  'pitch.only_placeholders': "Seules les variables de la liste peuvent figurer entre accolades '{{ }}'.",
  'pitch.unknown_placeholder': "La variable '{{'{placeholder}'}}' n’existe pas : utilisez une des variables de la liste.",
  'pitch.triple_braces': "Les triples accolades '{{{ }}}' ne sont pas permises : utilisez '{{ }}'.",
  'pitch.placeholder_arguments': 'Une variable s’écrit seule entre accolades, sans argument.',
  'pitch.helper_not_allowed': "'{{#'{helper}'}}' n’est pas permis : seuls '{{#if …}}' et '{{#unless …}}' le sont.",
  'pitch.helper_needs_one_placeholder': "'{{#if}}' et '{{#unless}}' attendent exactement une variable de la liste.",
  'pitch.partials': "Les inclusions '{{> …}}' ne sont pas permises.",

  'pitch.stale_version':
    'Cet argumentaire a été modifié entre-temps par quelqu’un d’autre (il est maintenant à la version {version}). Votre saisie est conservée ci-dessous : comparez-la avec la version courante, puis enregistrez de nouveau.',
  'pitch.no_such_version': 'Cet argumentaire n’a pas de version {number}.',
  'pitch.script_version_not_ours': 'Choisissez un argumentaire de la structure.',
  'pitch.contact_of_another_company': 'Choisissez un contact de cette entreprise.',
};
