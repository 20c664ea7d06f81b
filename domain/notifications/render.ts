// renderTemplate: validate a template's data, compose it, lay it out as subject + text + HTML.
import type { z } from 'zod';
import { layoutEmail, type RenderedEmail } from './content';
import { templateDefinition, ZTemplateId, type TTemplateData, type TTemplateId } from './catalogue';
import type { RenderContext } from './template';

/** Thrown when data does not fit a template's schema; names the template and every bad field. */
export class TemplateDataError extends Error {
  override readonly name = 'TemplateDataError';
  constructor(
    readonly templateId: string,
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(
      `Template "${templateId}" rejected its data: ${problems.map((p) => `${p.path || '(data)'}: ${p.message}`).join('; ')}`,
    );
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return {
        path,
        message: `field${issue.keys.length > 1 ? 's' : ''} not allowed in this template: ${issue.keys.join(', ')}`,
      };
    }
    return { path, message: issue.message };
  });
}

export function renderTemplate<K extends TTemplateId>(
  id: K,
  data: TTemplateData<K>,
  context?: RenderContext,
): RenderedEmail;
export function renderTemplate(id: string, data: unknown, context?: RenderContext): RenderedEmail;
export function renderTemplate(id: string, data: unknown, context: RenderContext = {}): RenderedEmail {
  const known = ZTemplateId.safeParse(id);
  if (!known.success) throw new TemplateDataError(id, [{ path: '', message: 'unknown template id' }]);
  const definition = templateDefinition(known.data);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) throw new TemplateDataError(id, describeIssues(parsed.error.issues));
  const fields = parsed.data as { firstName: string; programName: string };
  return layoutEmail(definition.compose(parsed.data, context), fields.firstName, fields.programName);
}
