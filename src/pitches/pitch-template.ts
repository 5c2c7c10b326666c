import Handlebars from 'handlebars';
import { PITCH, RefusalOf } from '../refusals/index';
import { because } from '../refusals/refused';

/**
 * The placeholders a pitch script may use, with what each shows. This list is the contract shown
 * to the people who write scripts; anything else is refused when the script is saved.
 */
export const PLACEHOLDERS = {
  'company.name': 'Nom de l’entreprise',
  'company.commune': 'Commune de l’entreprise',
  'company.sector': 'Secteur d’activité de l’entreprise',
  'contact.firstName': 'Prénom du contact',
  'contact.lastName': 'Nom du contact',
  'contact.jobTitle': 'Fonction du contact',
  'staff.firstName': 'Votre prénom',
  'staff.lastName': 'Votre nom',
  'staff.phone': 'Votre téléphone',
  'staff.email': 'Votre e-mail',
  'structure.name': 'Nom de la structure',
  'structure.territory': 'Territoire de la structure',
  'candidate.name': 'Prénom (ou initiales) du candidat présenté',
  'candidate.wantedJob': 'Métier recherché par le candidat',
  'candidate.skills': 'Compétences du candidat',
  'candidate.strengths': 'Atouts du candidat',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

const BLOCK_HELPERS = new Set(['if', 'unless']);

type Node = { type: string; [key: string]: unknown };
interface PathNode {
  type: 'PathExpression';
  original: string;
}

/** One thing wrong with a template: the English sentence for API clients, the code of its French one. */
export type TemplateProblem = { message: string } & (
  | RefusalOf<'pitch.template_broken'>
  | RefusalOf<'pitch.only_placeholders'>
  | RefusalOf<'pitch.unknown_placeholder'>
  | RefusalOf<'pitch.triple_braces'>
  | RefusalOf<'pitch.placeholder_arguments'>
  | RefusalOf<'pitch.helper_not_allowed'>
  | RefusalOf<'pitch.helper_needs_one_placeholder'>
  | RefusalOf<'pitch.partials'>
);

/**
 * What is wrong with a template, as sentences naming the culprit (empty when it is fine).
 * Allowed: text, `{{placeholder}}`, `{{#if placeholder}}…{{else}}…{{/if}}` and `{{#unless}}`.
 * Refused: unknown placeholders, triple braces (unescaped HTML), partials, other helpers.
 */
export function templateProblems(source: string): TemplateProblem[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    return [{ message: `the template is broken (${first})`, ...because(PITCH.templateBroken, { detail: first }) }];
  }
  const problems: TemplateProblem[] = [];
  const checkPath = (node: Node | undefined) => {
    if (!node || node.type !== 'PathExpression') {
      problems.push({ message: 'only placeholders can be used inside {{ }}', ...because(PITCH.onlyPlaceholders, {}) });
      return;
    }
    const name = (node as unknown as PathNode).original;
    if (!(name in PLACEHOLDERS)) problems.push({ message: `unknown placeholder {{${name}}}`, ...because(PITCH.unknownPlaceholder, { placeholder: name }) });
  };
  const visit = (nodes: Node[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          const params = node.params as Node[];
          if (node.escaped === false) problems.push({ message: 'triple braces {{{ }}} are not allowed', ...because(PITCH.tripleBraces, {}) });
          if (params.length || (node.hash as { pairs: unknown[] } | undefined)?.pairs?.length) {
            const placeholder = (node.path as PathNode).original;
            problems.push({ message: `{{${placeholder} …}} takes no arguments`, ...because(PITCH.placeholderArguments, { placeholder }) });
          }
          checkPath(node.path as Node);
          break;
        }
        case 'BlockStatement': {
          const helper = (node.path as PathNode).original;
          const params = node.params as Node[];
          if (!BLOCK_HELPERS.has(helper)) {
            problems.push({ message: `{{#${helper}}} is not allowed (only #if and #unless)`, ...because(PITCH.helperNotAllowed, { helper }) });
            break;
          }
          if (params.length !== 1) {
            problems.push({ message: `{{#${helper}}} needs exactly one placeholder`, ...because(PITCH.helperNeedsOnePlaceholder, { helper }) });
          } else checkPath(params[0]);
          visit(((node.program as hbs.AST.Program | null)?.body ?? []) as unknown as Node[]);
          visit(((node.inverse as hbs.AST.Program | null)?.body ?? []) as unknown as Node[]);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          problems.push({ message: 'partials {{> }} are not allowed', ...because(PITCH.partials, {}) });
          break;
        default:
          problems.push({ message: `{{ }} construct ${node.type} is not allowed`, ...because(PITCH.onlyPlaceholders, {}) });
      }
    }
  };
  visit(program.body as unknown as Node[]);
  // One problem of each kind and culprit is enough.
  return [...new Map(problems.map((problem) => [problem.message, problem])).values()];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

export type RenderContext = {
  [Group in Placeholder as Group extends `${infer Head}.${string}` ? Head : never]?: Record<string, string | null | undefined>;
};

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Renders a checked template as safe HTML text: everything is escaped, the script's own words as
 * much as the company's name, so nothing typed anywhere can inject markup. A missing value renders
 * empty.
 */
export function renderTemplate(source: string, context: RenderContext): string {
  let template = compiled.get(source);
  if (!template) {
    template = Handlebars.compile(source, { noEscape: true, knownHelpers: { if: true, unless: true }, knownHelpersOnly: true });
    if (compiled.size > 500) compiled.clear();
    compiled.set(source, template);
  }
  return escapeHtml(template(context));
}
