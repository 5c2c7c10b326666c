import { CodesOf } from '../define';
import { RECORD } from '../record';

export const RECORD_FR: { readonly [C in CodesOf<typeof RECORD>]: string } = {
  'record.not_found':
    '{record, select, company {Cette entreprise n’existe pas} contact {Ce contact n’existe pas} activity {Cet échange n’existe pas} stage {Cette étape n’existe pas} stage_event {Ce changement d’étape n’existe pas} candidate {Cette personne n’existe pas} lead {Cette piste n’existe pas} proposal {Cette proposition n’existe pas} placement {Ce placement n’existe pas} script {Cet argumentaire n’existe pas} script_version {Cette version d’argumentaire n’existe pas} import {Cet import n’existe pas} user {Ce membre de l’équipe n’existe pas} alert {Cette alerte n’existe pas} check_in {Ce point de suivi n’existe pas} encounter {Cette rencontre n’existe pas} participant {Cette personne n’est pas inscrite à cette rencontre} other {Cette fiche n’existe pas}} ou n’est plus accessible.',
};
