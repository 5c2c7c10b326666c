import hbs from 'hbs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../common/paths';

let registered = false;

/** Page helpers and partials, registered once per process. */
export function registerViewHelpers(timeZone: string): void {
  if (registered) return;
  registered = true;
  hbs.registerPartials(join(TEMPLATES_DIR, 'views', 'partials'));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('dateFr', (value: Date | string | null) =>
    value
      ? new Intl.DateTimeFormat('fr-FR', {
          dateStyle: 'short',
          timeStyle: 'short',
          timeZone,
        }).format(new Date(value))
      : '—',
  );
}
