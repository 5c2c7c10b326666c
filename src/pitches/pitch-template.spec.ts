import { frenchOf } from '../refusals/french';
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
    expect(templateProblems(source).map((found) => found.message).join(' | ')).toContain(problem);
  });

  it.each([
    ['Bonjour {{contact.prenom}}', 'pitch.unknown_placeholder', 'La variable {{contact.prenom}} n’existe pas : utilisez une des variables de la liste.'],
    ['{{{company.name}}}', 'pitch.triple_braces', 'Les triples accolades {{{ }}} ne sont pas permises : utilisez {{ }}.'],
    [
      'Bonjour {{contact.firstName',
      'pitch.template_broken',
      'Le texte est mal formé : vérifiez les accolades {{ }} et que chaque {{#if …}} est fermé par {{/if}}.',
    ],
    ['{{#each candidate.skills}}{{this}}{{/each}}', 'pitch.helper_not_allowed', '{{#each}} n’est pas permis : seuls {{#if …}} et {{#unless …}} le sont.'],
    ['{{> signature}}', 'pitch.partials', 'Les inclusions {{> …}} ne sont pas permises.'],
    ['{{lookup company "name"}}', 'pitch.placeholder_arguments', 'Une variable s’écrit seule entre accolades, sans argument.'],
    ['{{#if}}x{{/if}}', 'pitch.helper_needs_one_placeholder', '{{#if}} et {{#unless}} attendent exactement une variable de la liste.'],
    ['{{#if (eq 1 1)}}x{{/if}}', 'pitch.only_placeholders', 'Seules les variables de la liste peuvent figurer entre accolades {{ }}.'],
  ])('names the problem of %j with code %s and its French sentence', (source, code, sentence) => {
    const problem = templateProblems(source).find((found) => found.code === code);
    expect(problem).toBeDefined();
    expect(frenchOf(problem!)).toBe(sentence);
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
