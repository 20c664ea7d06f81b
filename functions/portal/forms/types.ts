// What a form is made of, derived from an event's zod schema (fields.ts) and drawn by render.ts.
// `name` is the control's name in the urlencoded body: the event's path joined with dots
// (`scores.cpsel2`, `goals.0.goal`, `coach.email`), so a zod issue's path finds its field.
export interface TOption {
  value: string;
  label: string;
}

interface TLeafBase {
  name: string;
  /** Label beside the control, in the program's words. */
  label: string;
  /** Finishes sentences in error messages: "Enter the <noun>". */
  noun: string;
  required: boolean;
  hint?: string;
  /** A control in a row that may be left blank: no "(required)"/"(optional)" of its own. */
  unmarked?: true;
}

export type TFormLeaf =
  | (TLeafBase & { kind: 'text' | 'textarea' | 'email'; maxLength?: number })
  /** An array of strings typed one per line into a textarea. */
  | (TLeafBase & { kind: 'lines'; maxLength?: number; minItems?: number; maxItems?: number })
  | (TLeafBase & { kind: 'number'; min?: number; minInclusive: boolean; max?: number; integer: boolean; unit?: string })
  | (TLeafBase & { kind: 'date' })
  /** `rubric`: a Descriptions of Practice level (ZRubricScore). */
  | (TLeafBase & { kind: 'select'; options: TOption[]; numeric: boolean; rubric?: true })
  /** A required boolean: two radio buttons, neither chosen at first. */
  | (TLeafBase & { kind: 'yesNo' })
  /** `mustTick`: a `z.literal(true)` checklist item; otherwise an optional boolean. */
  | (TLeafBase & { kind: 'checkbox'; mustTick: boolean })
  /** Not a control: the value is fixed by a rule (`z.literal(12)`) or by the signed-in role. */
  | (TLeafBase & { kind: 'fixed'; value: string | number; shown: string; fixedBy: 'rule' | 'role' });

export interface TFormGroup {
  kind: 'group';
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  /** false: a fieldset that only groups sibling fields (a checklist); true: a nested object. */
  nested: boolean;
  /** One element of a list (TFormRows): its legend is "Goal 2", with no hint of its own. */
  row?: true;
  fields: TFormField[];
}

export interface TFormRows {
  kind: 'rows';
  name: string;
  label: string;
  noun: string;
  hint?: string;
  required: boolean;
  /** Each row is one array element: a group (object rows) or a leaf (scalar rows). */
  rows: (TFormGroup | TFormLeaf)[];
  /** true: a blank row is dropped (revised deadlines, panel scores); false: every row counts (IIP goals). */
  dropBlankRows: boolean;
  minItems?: number;
  maxItems?: number;
}

export type TFormField = TFormLeaf | TFormGroup | TFormRows;

export type TFormBody = Record<string, string | string[] | undefined>;
