/** 'YYYY-MM-DD' as 'dd/mm/yyyy' (a calendar day, no time zone); anything else as is. */
export function frenchDay(day: string | null | undefined): string {
  if (!day) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}
