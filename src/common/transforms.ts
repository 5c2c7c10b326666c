/** class-transformer `@Transform` that trims strings and leaves anything else to the validators. */
export const trimString = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Trims strings and turns a blank one into null, so an emptied form field clears the value. */
export const trimToNull = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};
