import { ScriptKind, ScriptSections, ScriptTargeting } from './pitch-script.entity';

export interface DefaultScript {
  kind: ScriptKind;
  title: string;
  targeting: ScriptTargeting;
  sections: ScriptSections;
}

/**
 * The two SEVE scripts every structure starts with, to be rewritten by its team: strengths rather
 * than difficulties, no prerequisite before meeting a company, the HR service offer, and the
 * question about needs that were never published.
 */
export const DEFAULT_SCRIPTS: readonly DefaultScript[] = [
  {
    kind: 'first_call',
    title: 'Premier appel — obtenir un rendez-vous',
    targeting: { nafPrefixes: [], headcountBands: [] },
    sections: {
      opening:
        '{{#if contact.firstName}}Bonjour {{contact.firstName}} {{contact.lastName}}{{else}}Bonjour Madame, Monsieur{{/if}}, je suis {{staff.firstName}} {{staff.lastName}}, de {{structure.name}}. ' +
        'Nous accompagnons des personnes du territoire vers l’emploi et nous aidons les entreprises comme {{company.name}} à recruter. ' +
        'Avez-vous deux minutes ?',
      offer:
        'Notre service est gratuit pour vous : nous prenons le temps de comprendre vos besoins, nous vous présentons un candidat choisi pour le poste ' +
        '(pas une pile de CV), nous pouvons organiser une immersion de quelques jours avant toute embauche, et nous suivons la personne ' +
        'et votre équipe après son arrivée, aussi longtemps qu’il le faut.',
      questions: [
        'Comment recrutez-vous aujourd’hui, et qu’est-ce qui vous prend le plus de temps ?',
        'Y a-t-il des postes que vous avez renoncé à pourvoir, ou que vous n’avez pas publiés ?',
        'Avez-vous des départs prévus, un surcroît d’activité saisonnier ou un projet de développement ?',
      ],
      objections: [
        {
          key: 'pas-de-besoin',
          objection: 'Nous ne recrutons pas en ce moment.',
          answer:
            'Je comprends. Beaucoup d’entreprises que nous rencontrons ont pourtant un besoin qu’elles n’ont pas publié, ou un poste difficile à tenir. ' +
            'Je vous propose un rendez-vous de vingt minutes, sans engagement, pour mieux connaître {{company.name}} : le jour où un besoin se présente, nous serons prêts.',
        },
        {
          key: 'public-eloigne',
          objection: 'Vos candidats ne seront pas opérationnels.',
          answer:
            'Nous vous présentons une personne pour ses atouts et pour un poste que nous avons regardé avec vous. ' +
            'Une immersion de quelques jours vous permet de la voir travailler avant de décider, et nous restons à vos côtés après l’embauche.',
        },
        {
          key: 'pas-le-temps',
          objection: 'Je n’ai pas le temps.',
          answer: 'Justement, nous faisons le tri et la présélection pour vous. Quel moment vous arrangerait la semaine prochaine, même court ?',
        },
        {
          key: 'deja-un-partenaire',
          objection: 'Nous passons déjà par une agence d’intérim ou France Travail.',
          answer:
            'Nous ne remplaçons personne : nous venons en plus, avec un suivi après l’embauche que d’autres ne font pas. Un rendez-vous permettrait de voir si cela vous est utile.',
        },
      ],
      closing:
        'Je vous propose de passer vous voir pour visiter vos locaux et comprendre vos métiers. Seriez-vous disponible en début ou en fin de semaine prochaine ?' +
        '{{#if staff.phone}} Vous pouvez me joindre au {{staff.phone}}.{{/if}}',
    },
  },
  {
    kind: 'first_meeting',
    title: 'Premier rendez-vous — comprendre les besoins',
    targeting: { nafPrefixes: [], headcountBands: [] },
    sections: {
      opening:
        'Merci de nous recevoir chez {{company.name}}. Je suis {{staff.firstName}}, de {{structure.name}}. ' +
        'L’objectif aujourd’hui : comprendre votre activité, vos métiers et vos difficultés de recrutement, et voir ensemble si nous pouvons vous être utiles.',
      offer:
        'Nous pouvons être votre service RH pour les postes difficiles à pourvoir : nous construisons le poste avec vous en ne gardant que ce qui est vraiment nécessaire, ' +
        'nous vous proposons rapidement un candidat choisi pour ses atouts, l’entretien peut se faire au poste de travail, une immersion peut précéder l’embauche, ' +
        'et nous suivons à la fois la personne et votre équipe après son arrivée.' +
        '{{#if candidate.name}} Par exemple, {{candidate.name}} cherche un poste de {{candidate.wantedJob}} : {{candidate.strengths}}.{{/if}}',
      questions: [
        'Pouvez-vous me présenter votre activité et les métiers de votre équipe ?',
        'Quels postes ont été difficiles à pourvoir ces derniers mois ? Y en a-t-il que vous n’avez jamais publiés ?',
        'Pour ce poste, qu’est-ce qui est vraiment indispensable le premier jour ? Qu’est-ce qui peut s’apprendre sur place ?',
        'Quels horaires, quelles contraintes (travail posté, permis, déplacements) ? Des aménagements sont-ils possibles ?',
        'Comment se passe l’accueil d’un nouveau salarié chez vous ? Qui serait son tuteur ?',
      ],
      objections: [
        {
          key: 'diplome-exige',
          objection: 'Il faut un diplôme ou de l’expérience.',
          answer:
            'Regardons ensemble les tâches du poste : ce qui est indispensable et ce qui s’apprend. Une immersion de quelques jours montre les compétences mieux qu’un CV.',
        },
        {
          key: 'mauvaise-experience',
          objection: 'Nous avons eu une mauvaise expérience avec un salarié en insertion.',
          answer:
            'C’est précieux à savoir. Nous vous présentons une personne choisie pour ce poste, et nous restons présents après l’embauche, pour elle comme pour vous, pour régler les difficultés tôt.',
        },
        {
          key: 'horaires-difficiles',
          objection: 'Les horaires sont difficiles (2x8, 3x8, week-end).',
          answer: 'Précisons-les : certaines personnes que nous accompagnons les acceptent très bien. Nous en tiendrons compte pour vous proposer la bonne personne.',
        },
      ],
      closing:
        'Si vous êtes d’accord, nous rédigeons ensemble la fiche de poste et je vous propose un candidat dans la semaine. Quand pourrions-nous faire le point ?',
    },
  },
];

export const DEFAULT_SCRIPTS_NOTE = 'Argumentaire de départ proposé par Tremplin';
