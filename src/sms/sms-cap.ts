/** Managers are warned when a month's texts reach this share of the cap, before it stops them. */
export const CAP_WARNING_PERCENT = 80;

/** The Paris calendar month a day falls in, as `sms_cap_warned_for` stores it: '2027-04'. */
export function capMonth(day: string): string {
  return day.slice(0, 7);
}

/**
 * Whether managers must now be warned of the monthly cap: the texts counted this month reach 80 %
 * of it and they were not warned this month yet. A cap of 0 is SMS switched off on purpose: no
 * warning. A text refused by the cap counts as reaching it (the structure may have lowered its cap
 * past the 80 % mark without a text being sent in between).
 */
export function capWarningDue(input: { sentThisMonth: number; cap: number; warnedFor: string | null; month: string }): boolean {
  if (input.cap <= 0 || input.warnedFor === input.month) return false;
  return input.sentThisMonth * 100 >= input.cap * CAP_WARNING_PERCENT;
}

/**
 * Whether a new cap gives the month's warning again: raised so that this month's use is below its
 * mark. A cap of 0 (texts switched off) or one already passed changes nothing.
 */
export function capWarningRearmed(usedThisMonth: number, newCap: number): boolean {
  return newCap > 0 && usedThisMonth * 100 < newCap * CAP_WARNING_PERCENT;
}

/** What managers read, in the alert list and its e-mail. */
export function capWarningMessage(sentThisMonth: number, cap: number): string {
  const reached = sentThisMonth >= cap;
  return (
    `${reached ? 'Le plafond mensuel de SMS est atteint' : `${Math.floor((sentThisMonth * 100) / cap)} % du plafond mensuel de SMS est utilisé`} : ` +
    `${Math.min(sentThisMonth, cap)} SMS sur ${cap} ce mois-ci. Au-delà du plafond, les SMS (rappels, points de suivi) ne partent plus ` +
    `jusqu’au 1er du mois prochain. Un·e responsable peut relever le plafond sur la page « SMS » du menu.`
  );
}
