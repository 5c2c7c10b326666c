import { MAIL_TEMPLATES_DIR, compileTemplates } from './mailer.service';

describe('mail templates', () => {
  const templates = compileTemplates(MAIL_TEMPLATES_DIR);
  const welcome = templates.get('welcome')!;
  const context = {
    firstName: 'Awa',
    structureName: 'Les Jardins <du> Lien',
    email: 'awa@example.org',
    loginUrl: 'http://localhost:3000/login',
    invitedBy: 'Claire Martin',
  };

  it('renders the French welcome e-mail with escaped HTML', () => {
    expect(welcome.subject(context)).toContain('Les Jardins <du> Lien');
    expect(welcome.html(context)).toContain('Les Jardins &lt;du&gt; Lien');
    expect(welcome.text(context)).toContain('Bonjour Awa');
  });

  it('fails loudly when a variable is missing (strict mode)', () => {
    const { firstName: _omitted, ...incomplete } = context;
    expect(() => welcome.html(incomplete)).toThrow(/firstName/);
  });
});
