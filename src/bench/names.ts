/** French word lists for the benchmark data: people, company names, job titles and what staff write. */

export const FEMALE_FIRST_NAMES = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Céline', 'Stéphanie', 'Valérie', 'Christine',
  'Sophie', 'Émilie', 'Julie', 'Aurélie', 'Caroline', 'Laetitia', 'Virginie', 'Audrey', 'Claire', 'Camille',
  'Laura', 'Sarah', 'Manon', 'Léa', 'Chloé', 'Inès', 'Amina', 'Fatima', 'Samia', 'Nadia', 'Yasmina', 'Fatou',
  'Aïcha', 'Mélanie', 'Delphine', 'Karine', 'Martine', 'Françoise', 'Monique', 'Brigitte', 'Hélène', 'Anne',
  'Pauline', 'Élodie', 'Justine', 'Océane', 'Mathilde', 'Charlotte', 'Lucie', 'Jessica', 'Kelly', 'Coralie',
  'Magali', 'Agnès', 'Corinne', 'Patricia', 'Nadège', 'Maryline', 'Khadija', 'Salimata', 'Priscilla', 'Zoé',
] as const;

export const MALE_FIRST_NAMES = [
  'Jean', 'Philippe', 'Michel', 'Alain', 'Patrick', 'Nicolas', 'Christophe', 'Pierre', 'Laurent', 'Frédéric',
  'Stéphane', 'David', 'Olivier', 'Sébastien', 'Julien', 'Thomas', 'Kévin', 'Jérôme', 'Franck', 'Thierry',
  'Didier', 'Bruno', 'Éric', 'Pascal', 'Hugo', 'Lucas', 'Maxime', 'Antoine', 'Alexandre', 'Romain',
  'Mathieu', 'Guillaume', 'Benoît', 'Vincent', 'Yannick', 'Karim', 'Mohamed', 'Rachid', 'Farid', 'Mehdi',
  'Youssef', 'Samir', 'Moussa', 'Mamadou', 'Ibrahima', 'Dylan', 'Jordan', 'Anthony', 'Quentin', 'Florian',
  'Bastien', 'Cédric', 'Ludovic', 'Grégory', 'Jean-Marc', 'Jean-Pierre', 'Fabrice', 'Gaëtan', 'Rémi', 'Théo',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guerin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
  'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier',
  'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand',
  'Dufour', 'Blanchard', 'Marie', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin',
  'Fernandez', 'Pierre', 'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal',
  'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Philippe', 'Leclercq', 'Lacroix', 'Fabre', 'Dupuis',
  'Vandenberghe', 'Delcourt', 'Descamps', 'Vasseur', 'Delattre', 'Dewaele', 'Deschamps', 'Lemahieu', 'Delannoy', 'Verhaeghe',
  'Vanhoutte', 'Desmet', 'Decroix', 'Hennebelle', 'Wallart', 'Duhamel', 'Lagache', 'Delmotte', 'Dhalluin', 'Lecocq',
  'Benali', 'Haddad', 'Bensaïd', 'Bouzid', 'Lamrani', 'Mansouri', 'Belkacem', 'Cherif', 'Diallo', 'Diop',
  'Traoré', 'Koné', 'Camara', 'Sow', 'Ndiaye', 'Da Silva', 'Ferreira', 'Pereira', 'Kowalski', 'Nowak',
  'Yilmaz', 'Demir', 'Rossi', 'Bianchi', 'Tran', 'Pham', 'Le', 'Hoarau', 'Payet', 'Grondin',
] as const;

/** Words naming a business, by NAF division (the first two digits of the code). */
export const TRADE_WORDS: Record<string, readonly string[]> = {
  '01': ['Ferme', 'Maraîchage', 'EARL', 'GAEC'],
  '02': ['Exploitation forestière', 'Scierie'],
  '10': ['Boulangerie', 'Pâtisserie', 'Biscuiterie', 'Conserverie', 'Fromagerie', 'Salaisons', 'Brasserie artisanale'],
  '11': ['Brasserie', 'Distillerie', 'Cidrerie'],
  '13': ['Filature', 'Tissage'],
  '14': ['Confection', 'Atelier textile'],
  '16': ['Menuiserie', 'Scierie', 'Charpente'],
  '18': ['Imprimerie'],
  '20': ['Chimie', 'Laboratoires'],
  '22': ['Plasturgie', 'Emballages'],
  '23': ['Verrerie', 'Béton', 'Carrières'],
  '25': ['Chaudronnerie', 'Métallerie', 'Serrurerie', 'Mécanique'],
  '28': ['Usinage', 'Ateliers mécaniques'],
  '29': ['Équipementier'],
  '31': ['Meubles', 'Ameublement'],
  '33': ['Maintenance industrielle'],
  '38': ['Recyclage', 'Valorisation', 'Tri'],
  '41': ['Construction', 'Promotion'],
  '42': ['Travaux publics', 'Réseaux', 'VRD'],
  '43': ['Maçonnerie', 'Plomberie', 'Électricité', 'Peinture', 'Couverture', 'Plâtrerie', 'Carrelage', 'Rénovation'],
  '45': ['Garage', 'Carrosserie', 'Auto', 'Pneus', 'Centre auto'],
  '46': ['Distribution', 'Négoce', 'Grossiste', 'Comptoir'],
  '47': ['Supérette', 'Épicerie', 'Boutique', 'Magasin', 'Supermarché', 'Primeur', 'Librairie', 'Bazar', 'Jardinerie'],
  '49': ['Transports', 'Taxis', 'Ambulances', 'Messagerie'],
  '52': ['Logistique', 'Entrepôts', 'Plateforme'],
  '53': ['Coursiers', 'Livraison'],
  '55': ['Hôtel', 'Auberge', 'Résidence hôtelière', 'Camping'],
  '56': ['Restaurant', 'Brasserie', 'Café', 'Traiteur', 'Pizzeria', 'Friterie', 'Crêperie', 'Snack'],
  '68': ['Immobilière', 'Agence'],
  '69': ['Cabinet', 'Fiduciaire'],
  '71': ['Bureau d’études', 'Ingénierie'],
  '77': ['Location'],
  '78': ['Intérim', 'Emploi'],
  '80': ['Sécurité', 'Gardiennage'],
  '81': ['Propreté', 'Nettoyage', 'Espaces verts', 'Multiservices', 'Entretien'],
  '82': ['Centre d’appels', 'Services'],
  '85': ['Auto-école', 'Formation', 'Institut'],
  '86': ['Clinique', 'Centre médical', 'Cabinet médical', 'Laboratoire d’analyses'],
  '87': ['EHPAD', 'Résidence', 'Foyer'],
  '88': ['Crèche', 'Association', 'Aide à domicile', 'Services à la personne'],
  '93': ['Salle de sport', 'Centre de loisirs'],
  '96': ['Blanchisserie', 'Pressing', 'Salon de coiffure', 'Institut de beauté'],
};

export const GENERIC_TRADE_WORDS = ['Société', 'Établissements', 'Atelier', 'Groupe', 'Entreprise', 'Compagnie'] as const;

/** "du …" / "de la …" / "des …" endings of company names. */
export const PLACE_ENDINGS = [
  'du Centre', 'de la Gare', 'du Port', 'du Marché', 'du Beffroi', 'du Moulin', 'du Parc', 'du Canal',
  'des Flandres', 'de l’Artois', 'du Hainaut', 'du Nord', 'du Littoral', 'de la Vallée', 'du Bois', 'du Pont',
  'de la Lys', 'de la Deûle', 'de l’Escaut', 'du Mélantois', 'du Pévèle', 'des Weppes', 'de la Côte d’Opale',
  'de l’Avesnois', 'du Cambrésis', 'du Douaisis', 'de la Plaine', 'des Trois Rivières', 'de la Citadelle',
] as const;

export const FANCY_NAMES = [
  'Au Bon Grain', 'Le Petit Marché', 'Aux Délices', 'La Belle Équipe', 'Le Fournil', 'L’Atelier Vert',
  'Les Saveurs d’Ici', 'La Main Verte', 'Le Comptoir', 'Les Trois Épis', 'L’Étape', 'Le Relais',
  'La Ruche', 'Les Compagnons', 'Le Jardin Gourmand', 'L’Éclaircie', 'Le Bon Accueil', 'La Fabrique',
  'Le Grenier', 'Les Artisans Réunis', 'La Passerelle', 'Le Tremplin du Goût', 'L’Escale', 'La Source',
] as const;

export const CHAIN_BRANDS = [
  'Supermarché Proxi Nord', 'Intermarché', 'Carrefour Market', 'Leclerc Drive', 'Auchan Piéton', 'Lidl',
  'Boulangeries Paul', 'Buffalo Grill', 'Courtepaille', 'Norauto', 'Speedy', 'Kiabi', 'Decathlon',
  'Gifi', 'Action', 'Brico Dépôt', 'Leroy Merlin', 'Korian', 'Domidom', 'Onet Propreté', 'Elior Restauration',
  'Derichebourg Multiservices', 'Geodis', 'DHL Supply Chain', 'XPO Logistics', 'Transports Dubreucq',
] as const;

export const LEGAL_FORM_SUFFIXES = ['SARL', 'SAS', 'SASU', 'EURL', 'SA', 'SCOP'] as const;

export const CONTACT_JOB_TITLES = [
  'Gérant', 'Gérante', 'Directeur', 'Directrice', 'Responsable RH', 'Chargée de recrutement', 'Chef d’équipe',
  'Responsable de site', 'Assistante de direction', 'Chef d’atelier', 'Responsable d’exploitation',
  'Directrice de magasin', 'Chef de cuisine', 'Responsable logistique', 'Cadre de santé', 'Conducteur de travaux',
  'Responsable de production', 'Co-gérant', 'Président', 'Secrétaire', 'Comptable', 'Responsable qualité',
] as const;

export const REFUSAL_REASONS = [
  'Ne souhaite pas travailler avec une structure d’insertion',
  'Recrute uniquement via son siège',
  'Mauvaise expérience passée avec un public en insertion',
  'Activité en baisse, pas de recrutement prévu',
  'Pas le bon interlocuteur, refuse de transmettre',
  'Passe déjà par une agence d’intérim',
] as const;

export const NOT_NOW_REASON = 'Pas de besoin pour l’instant';

export const ABANDON_REASONS = [
  'Poste pourvu par l’entreprise elle-même',
  'Besoin annulé (baisse d’activité)',
  'Aucun candidat disponible sur ce profil',
  'Employeur injoignable',
] as const;

export const DECLINE_REASONS_EMPLOYER = [
  'Profil trop éloigné du poste',
  'Candidat absent à l’entretien',
  'Immersion non concluante',
  'Poste finalement pourvu en interne',
] as const;

export const DECLINE_REASONS_CANDIDATE = [
  'Horaires incompatibles avec la garde des enfants',
  'Trop loin sans véhicule',
  'Ne souhaite plus ce métier',
  'A trouvé un autre emploi',
] as const;

export const RUPTURE_REASONS = [
  'Fin de période d’essai à l’initiative de l’employeur',
  'Abandon de poste',
  'Démission pour raisons personnelles',
  'Désaccord sur les horaires',
  'Problème de santé',
  'Rupture conventionnelle',
] as const;

/** Short notes staff write, by activity type and outcome. */
export const ACTIVITY_TEXTS: Record<string, readonly string[]> = {
  no_answer: ['Pas de réponse.', 'Messagerie, pas de message laissé.', 'Messagerie : message laissé.', 'Standard fermé.'],
  call_back: ['Rappeler en fin de semaine.', 'Le gérant est absent, rappeler demain matin.', 'Rappeler après 14 h.', 'En réunion, rappeler.'],
  meeting_booked: ['Rendez-vous pris sur place.', 'Rendez-vous fixé avec la direction.', 'Visite des locaux prévue.'],
  refused: ['Appel bref, pas intéressé.', 'Refus poli.', 'Ne souhaite pas donner suite.'],
  not_now: ['Recontacter avant la saison.', 'Pas de besoin pour le moment, rappeler dans trois mois.', 'Activité calme en ce moment.'],
  need_found_call: ['Besoin repéré au téléphone : départ en retraite à remplacer.', 'Surcroît d’activité annoncé, besoin à préciser.'],
  meeting: [
    'Premier rendez-vous : visite des postes, présentation de l’offre de service RH.',
    'Rencontre avec la direction, présentation de la démarche.',
    'Visite de l’atelier, échange sur les métiers.',
  ],
  need_found_meeting: [
    'Besoin non publié repéré : poste co-construit avec l’employeur, sans exigence de diplôme.',
    'Besoin repéré : remplacement d’un départ, horaires aménageables.',
    'Deux postes à venir pour la saison, fiche de poste à rédiger ensemble.',
  ],
  follow_up: ['Point de suivi avec l’employeur.', 'Point de partenariat : nouveaux besoins annoncés.', 'Bilan de l’intégration avec le tuteur.'],
  visit: ['Visite de l’entreprise avec la chargée d’insertion.', 'Entretien au poste de travail.', 'Visite de suivi sur le site.'],
  email: ['Plaquette de présentation envoyée.', 'Candidature proposée, présentée par ses atouts.', 'Compte rendu du rendez-vous envoyé.'],
  event: ['Rencontré au petit-déjeuner des entreprises.', 'Job dating du territoire.', 'Salon de l’emploi local.'],
  note: ['Entreprise signalée par un partenaire.', 'Changement de gérant annoncé.', 'Vu dans la presse locale : agrandissement.'],
};

export const CANDIDATE_STRENGTHS = [
  'ponctuel·le', 'aime le travail en équipe', 'fiable', 'minutieux·se', 'autonome', 'patient·e', 'souriant·e',
  'motivé·e par le travail physique', 'à l’écoute', 'curieux·se', 'bon contact avec la clientèle', 'persévérant·e',
  'organisé·e', 'apprend vite', 'débrouillard·e', 'calme sous la pression',
] as const;

export const CANDIDATE_SKILLS = [
  'CACES 1', 'CACES 3', 'permis B', 'nettoyage de bureaux', 'autolaveuse', 'mise en rayon', 'inventaires',
  'préparation de commandes', 'service en salle', 'plonge', 'entretien des espaces verts', 'débroussailleuse',
  'peinture', 'petite maçonnerie', 'accueil', 'caisse', 'bionettoyage', 'aide à la personne', 'couture', 'cuisine collective',
] as const;

export const CONSTRAINT_TEXTS: Record<string, readonly string[]> = {
  mobility: ['Pas de véhicule ; bus et tramway', 'Permis suspendu', 'Vélo uniquement'],
  childcare: ['Deux enfants, garde possible jusqu’à 19 h', 'Enfant en bas âge, pas de week-end'],
  housing: ['Hébergement temporaire', 'En attente de logement social'],
  health: ['Éviter le port de charges lourdes', 'Suivi médical hebdomadaire'],
  language: ['Français oral correct, écrit à renforcer', 'Cours de français le mardi matin'],
  administrative: ['Titre de séjour en renouvellement', 'Dossier RSA en cours'],
};

export const LEAD_REQUIREMENTS = [
  'Accepter le travail en 2x8', 'Port de charges', 'Travail en extérieur', 'Station debout prolongée',
  'Horaires décalés', 'Permis B', 'Travail le samedi',
] as const;

export const LEAD_ADAPTATIONS = [
  'Formation au poste la première semaine', 'Tuteur désigné', 'Horaires regroupés le matin',
  'Démarrage en journée pendant deux semaines', 'Pas de caisse les premiers mois', 'Entretien au poste de travail',
  'Immersion avant l’embauche',
] as const;

/**
 * ROME codes of the jobs inclusion employers usually open to the people they support; leads and
 * candidates draw from the same list, so that matching finds people for each lead.
 */
export const BENCH_ROME_CODES = [
  'N1103', 'N1101', 'N1105', 'K2204', 'K2201', 'D1507', 'D1505', 'G1603', 'G1602', 'G1803', 'G1501',
  'A1203', 'F1703', 'F1606', 'F1610', 'F1602', 'H3302', 'H2102', 'J1301', 'K1302', 'K1304', 'N4105',
  'N4101', 'D1106', 'D1102', 'H3203', 'I1203', 'K2303', 'G1605', 'D1101',
] as const;

export const STREET_TYPES = ['rue', 'rue', 'rue', 'avenue', 'boulevard', 'place', 'chemin', 'allée', 'route', 'impasse', 'zone industrielle', 'parc d’activités'] as const;

export const STREET_NAMES = [
  'de la Gare', 'Jean Jaurès', 'Victor Hugo', 'du Général de Gaulle', 'de Paris', 'Pasteur', 'de la République',
  'Gambetta', 'Nationale', 'des Écoles', 'du Moulin', 'Roger Salengro', 'Jean Moulin', 'Faidherbe', 'de Lille',
  'Léon Blum', 'du 8 Mai 1945', 'Carnot', 'de l’Église', 'du Château', 'des Tilleuls', 'de la Liberté',
  'Émile Zola', 'Pierre Mauroy', 'du Maréchal Foch', 'des Peupliers', 'de la Croix', 'du Commerce', 'de l’Industrie',
] as const;

export const COMPANY_TAGS = [
  'alimentaire', 'logistique', 'bâtiment', 'santé', 'restauration', 'commerce', 'industrie', '2x8', '3x8',
  'horaires décalés', 'permis C', 'job dating', 'clause sociale', 'saisonnier', 'grand compte', 'RSE',
] as const;
