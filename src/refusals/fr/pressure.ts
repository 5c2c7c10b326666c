import { CodesOf } from '../define';
import { PRESSURE } from '../pressure';

export const PRESSURE_FR: { readonly [C in CodesOf<typeof PRESSURE>]: string } = {
  'pressure.no_contact':
    '« {name} » a demandé à ne plus être contactée{known, select, yes { (noté par {by} le {on})} other {}} : rien n’a été enregistré. Décochez « Ne souhaite pas être contactée » sur sa fiche si elle a changé d’avis.',
  'pressure.cap_reached':
    'Cette entreprise a demandé {max, plural, one {# contact} other {# contacts}} par mois au plus : déjà {count} ce mois-ci, le dernier par {by} le {on}.',
  'pressure.monthly_contact_cap_invalid': 'Indiquez un nombre de contacts par mois entre 1 et 100, ou laissez vide s’il n’y a pas de limite.',
  'pressure.no_contact_invalid': 'Cochez la case ou laissez-la vide.',
  'pressure.rest_attempts_invalid': 'Indiquez un nombre d’appels sans réponse entre 2 et 50.',
  'pressure.rest_months_invalid': 'Indiquez un nombre de mois entre 1 et 24.',
};
