/**
 * Which NAF divisions (the first two digits of a NAF code) employ the jobs of each ROME domain (the
 * code's first letter). Coarse on purpose: a domain-level guess that the structure's own history
 * refines (a lead with a ROME code at a company of a division links the two, see `divisionsFor`).
 *
 * A Agriculture, espaces verts · B Arts et façonnage · C Banque, assurance, immobilier ·
 * D Commerce, vente · E Communication, média · F Bâtiment, travaux publics ·
 * G Hôtellerie, restauration, tourisme · H Industrie · I Installation, maintenance · J Santé ·
 * K Services à la personne et à la collectivité (propreté, social, sécurité…) · L Spectacle ·
 * M Support à l'entreprise · N Transport, logistique.
 */
export const ROME_DOMAIN_DIVISIONS: Readonly<Record<string, readonly string[]>> = {
  A: ['01', '02', '03', '81'],
  B: ['32', '90', '95'],
  C: ['64', '65', '66', '68'],
  D: ['45', '46', '47'],
  E: ['58', '59', '60', '63', '73'],
  F: ['41', '42', '43'],
  G: ['55', '56', '79', '93'],
  H: ['10', '11', '13', '14', '15', '16', '17', '18', '20', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33'],
  I: ['33', '43', '45', '95'],
  J: ['75', '86', '87'],
  K: ['38', '80', '81', '84', '85', '87', '88', '96', '97'],
  L: ['59', '90'],
  M: ['62', '69', '70', '71', '73', '74', '77', '78', '82'],
  N: ['49', '50', '51', '52', '53'],
};

/** The NAF divisions a ROME code points to: its domain's, plus those the structure's leads linked it to. */
export function divisionsFor(romeCode: string, learned: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  return new Set([...(ROME_DOMAIN_DIVISIONS[romeCode.charAt(0)] ?? []), ...(learned.get(romeCode) ?? [])]);
}

/** Per NAF division, how many candidates want at least one job it employs. */
export function wantingCandidates(wantedCodes: ReadonlyArray<readonly string[]>, learned: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const codes of wantedCodes) {
    const divisions = new Set(codes.flatMap((code) => [...divisionsFor(code, learned)]));
    for (const division of divisions) counts.set(division, (counts.get(division) ?? 0) + 1);
  }
  return counts;
}
