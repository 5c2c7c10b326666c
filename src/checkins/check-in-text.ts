import { fitsInTwoSegments, toGsmFriendly } from '../sms/sms-text';

/** What a check-in says by SMS: short, the answer link, in two parts at most. */
export function checkInText(input: {
  party: 'employee' | 'employer';
  firstName: string | null;
  employeeFirstName: string;
  companyName: string;
  structureName: string;
  answerUrl: string;
}): string {
  const hello = input.firstName ? `Bonjour ${input.firstName}` : 'Bonjour';
  const build = (company: string, signature: boolean) => {
    const question =
      input.party === 'employee'
        ? `comment se passe votre poste chez ${company} ?`
        : `comment se passe le poste de ${input.employeeFirstName} ?`;
    return toGsmFriendly(`${hello}, ${question} Répondez en 1 minute : ${input.answerUrl}${signature ? ` - ${input.structureName}` : ''}`);
  };
  // Long names give way first: the signature, then the company's name.
  for (const candidate of [build(input.companyName, true), build(input.companyName, false), build(input.companyName.slice(0, 30), false)]) {
    if (fitsInTwoSegments(candidate)) return candidate;
  }
  return build('votre employeur', false);
}
