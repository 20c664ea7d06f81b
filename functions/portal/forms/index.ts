// Event forms for the portal: built from the API's own zod schemas (domain/events.ts), so a form
// accepts exactly what the API accepts. The portal mounts them; this module renders and parses.
export type { TFormField, TFormLeaf, TFormGroup, TFormRows, TOption, TFormBody } from './types';
export { eventFormFields } from './fields';
export { eventTitle, describeEvent } from './describe';
export { renderEventForm, fieldId, FORM_STYLE, type TRenderEventForm } from './render';
export { parseEventForm, type TParseResult } from './parse';
