import hbs from 'hbs';
import { join } from 'node:path';
import { ofName } from '../common/french';
import { formatPhone, parsePhone } from '../common/phone';
import { TEMPLATES_DIR } from '../common/paths';
import { HTMX_CONFIG, htmxFailureSentences } from './kit/htmx';
import { registerBoardViewHelpers } from './board/board.view';
import { registerCompanyViewHelpers } from './companies/company.view';
import { registerDashboardViewHelpers } from './dashboard/dashboard.view';

let registered = false;

/** Every page helper and partial, registered once, at boot (configure-app), before any page renders. */
export function registerViewHelpers(timeZone: string): void {
  if (registered) return;
  registered = true;
  hbs.registerPartials(join(TEMPLATES_DIR, 'views', 'partials'));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // `(concat "a-" index)`: the last argument is Handlebars' options.
  hbs.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''));
  // The layout's htmx settings, the same on every page (including error pages).
  // « l’équipe {{ofName structureName}} » → « l’équipe des Jardins du Lien ».
  hbs.registerHelper('ofName', (name: string) => ofName(name));
  // « {{phoneFr candidate.phone}} »: a stored E.164 number in French national format (foreign ones international).
  hbs.registerHelper('phoneFr', (value: unknown) => formatPhone(typeof value === 'string' ? value : null));
  // A number typed before numbers were checked, that is not one: the page says so next to it.
  hbs.registerHelper('phoneToCheck', (value: unknown) => typeof value === 'string' && value.trim() !== '' && parsePhone(value) === null);
  hbs.registerHelper('htmxConfig', () => HTMX_CONFIG);
  hbs.registerHelper('htmxFailures', () => new hbs.handlebars.SafeString(htmxFailureSentences()));
  hbs.registerHelper('dateFr', (value: Date | string | null) =>
    value
      ? new Intl.DateTimeFormat('fr-FR', {
          dateStyle: 'short',
          timeStyle: 'short',
          timeZone,
        }).format(new Date(value))
      : '—',
  );
  registerBoardViewHelpers();
  registerCompanyViewHelpers();
  registerDashboardViewHelpers();
}
