import Handlebars from 'handlebars';

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

/**
 * What is wrong with a template, as sentences naming the culprit (empty when it is fine).
 * Allowed: text, `{{placeholder}}`, `{{#if placeholder}}…{{else}}…{{/if}}` and `{{#unless}}`.
 * Refused: unknown placeholders, triple braces (unescaped HTML), partials, other helpers.
 */
export function templateProblems(source: string): string[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    return [`the template is broken (${first})`];
  }
  const problems: string[] = [];
  const checkPath = (node: Node | undefined) => {
    if (!node || node.type !== 'PathExpression') {
      problems.push('only placeholders can be used inside {{ }}');
      return;
    }
    const name = (node as unknown as PathNode).original;
    if (!(name in PLACEHOLDERS)) problems.push(`unknown placeholder {{${name}}}`);
  };
  const visit = (nodes: Node[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          const params = node.params as Node[];
          if (node.escaped === false) problems.push('triple braces {{{ }}} are not allowed');
          if (params.length || (node.hash as { pairs: unknown[] } | undefined)?.pairs?.length) {
            problems.push(`{{${(node.path as PathNode).original} …}} takes no arguments`);
          }
          checkPath(node.path as Node);
          break;
        }
        case 'BlockStatement': {
          const helper = (node.path as PathNode).original;
          const params = node.params as Node[];
          if (!BLOCK_HELPERS.has(helper)) {
            problems.push(`{{#${helper}}} is not allowed (only #if and #unless)`);
            break;
          }
          if (params.length !== 1) problems.push(`{{#${helper}}} needs exactly one placeholder`);
          else checkPath(params[0]);
          visit(((node.program as hbs.AST.Program | null)?.body ?? []) as unknown as Node[]);
          visit(((node.inverse as hbs.AST.Program | null)?.body ?? []) as unknown as Node[]);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          problems.push('partials {{> }} are not allowed');
          break;
        default:
          problems.push(`{{ }} construct ${node.type} is not allowed`);
      }
    }
  };
  visit(program.body as unknown as Node[]);
  return [...new Set(problems)];
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
