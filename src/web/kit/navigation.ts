import { Role } from '../../tenancy/actor';

export interface NavigationItem {
  path: string;
  label: string;
  description: string;
  roles?: Role[];
}

/** The sections of the interface; later issues fill each page. */
export const NAVIGATION: NavigationItem[] = [
  { path: '/prospection', label: 'Prospection', description: 'Le tableau de prospection partagé par toute l’équipe.' },
  { path: '/relances', label: 'Relances', description: 'Vos actions du jour, les retards, les entreprises au point mort ou sans référent·e.' },
  { path: '/a-appeler', label: 'À appeler', description: 'Les entreprises à appeler cette semaine, classées et expliquées.' },
  { path: '/agenda', label: 'Agenda', description: 'Les rencontres et les rendez-vous avec les entreprises de toute l’équipe, semaine par semaine.' },
  { path: '/entreprises', label: 'Entreprises', description: 'Les entreprises du territoire, leurs contacts et leur historique.' },
  { path: '/argumentaires', label: 'Argumentaires', description: 'Les argumentaires d’appel et de rendez-vous, leurs versions et leurs résultats.' },
  { path: '/pistes', label: 'Pistes', description: 'Les besoins repérés, publiés ou non, et les mises en relation.' },
  { path: '/candidats', label: 'Candidats', description: 'Les personnes accompagnées, leurs atouts et leurs souhaits.' },
  { path: '/rencontres', label: 'Rencontres', description: 'Job datings, visites d’entreprise, réunions d’information : invitations, présence et suites.' },
  { path: '/placements', label: 'Placements et suivis', description: 'Contrats, immersions et suivi dans l’emploi des deux côtés.' },
  { path: '/tableau-de-bord', label: 'Tableau de bord', description: 'L’entonnoir de prospection et les résultats de la structure.' },
  {
    path: '/journal',
    label: 'Journal d’audit',
    description: 'Qui a modifié quoi, quand, et qui a consulté les informations confidentielles.',
    roles: ['manager', 'admin'],
  },
  {
    path: '/administration/rgpd',
    label: 'RGPD',
    description: 'Durée de conservation, anonymisations à venir, demandes d’accès et d’effacement.',
    roles: ['manager', 'admin'],
  },
  {
    path: '/administration/sms',
    label: 'SMS',
    description: 'L’envoi de SMS de la structure : le plafond mensuel et la consommation du mois.',
    roles: ['manager', 'admin'],
  },
  { path: '/administration', label: 'Administration', description: 'La structure et les comptes de l’équipe.', roles: ['admin'] },
];

/** What the menu counts beside an entry: today's work (due today and overdue) beside « Relances ». */
export interface NavigationCounts {
  dueToday?: number;
}

export function navigationFor(role: Role, currentPath: string, counts: NavigationCounts = {}) {
  return NAVIGATION.filter((item) => !item.roles || item.roles.includes(role)).map((item) => ({
    ...item,
    current: currentPath === item.path,
    counted: item.path === '/relances',
    count: item.path === '/relances' && counts.dueToday ? counts.dueToday : undefined,
  }));
}
