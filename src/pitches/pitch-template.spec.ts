import { renderTemplate, templateProblems } from './pitch-template';

describe('templateProblems', () => {
  it.each([
    ['Bonjour, je suis {{staff.firstName}} de {{structure.name}}.'],
    ['{{#if contact.firstName}}Bonjour {{contact.firstName}}{{else}}Bonjour{{/if}}'],
    ['{{#unless candidate.name}}Nous avons plusieurs profils.{{/unless}}'],
    ['Texte sans variable {{! un commentaire }}'],
    [''],
  ])('accepts %j', (source) => {
    expect(templateProblems(source)).toEqual([]);
  });

  it.each([
    ['Bonjour {{contact.prenom}}', 'unknown placeholder {{contact.prenom}}'],
    ['{{company.siret}}', 'unknown placeholder {{company.siret}}'],
    ['{{{company.name}}}', 'triple braces {{{ }}} are not allowed'],
    ['Bonjour {{contact.firstName', 'the template is broken'],
    ['{{#each candidate.skills}}{{this}}{{/each}}', '{{#each}} is not allowed (only #if and #unless)'],
    ['{{> signature}}', 'partials {{> }} are not allowed'],
    ['{{lookup company "name"}}', '{{lookup …}} takes no arguments'],
    ['{{#if}}x{{/if}}', '{{#if}} needs exactly one placeholder'],
    ['{{#if company.name}}{{candidate.age}}{{/if}}', 'unknown placeholder {{candidate.age}}'],
    ['{{constructor.name}}', 'unknown placeholder {{constructor.name}}'],
  ])('refuses %j: %s', (source, problem) => {
    expect(templateProblems(source).join(' | ')).toContain(problem);
  });
});

describe('renderTemplate', () => {
  it('fills placeholders, renders missing ones empty and follows #if', () => {
    const source = '{{#if contact.firstName}}Bonjour {{contact.firstName}}{{else}}Bonjour Madame, Monsieur{{/if}}, ici {{staff.firstName}}.';
    expect(renderTemplate(source, { contact: { firstName: 'Anne' }, staff: { firstName: 'Karim' } })).toBe('Bonjour Anne, ici Karim.');
    expect(renderTemplate(source, { contact: {}, staff: { firstName: 'Karim' } })).toBe('Bonjour Madame, Monsieur, ici Karim.');
  });

  it('escapes HTML in values and in the script’s own text, once', () => {
    const rendered = renderTemplate('<b>{{company.name}}</b> & co', { company: { name: '<script>alert("x")</script> & Fils' } });
    expect(rendered).toBe('&lt;b&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils&lt;/b&gt; &amp; co');
  });
});
