/** Hover texts of Compose's variable substitution operators (`${VAR:-default}`…), by operator. */
import type { SubstitutionOperator } from '../compose/project/interpolate';

export const SUBSTITUTION_OPERATORS: Record<SubstitutionOperator | 'none', { form: string; meaning: string }> = {
  none: { form: '${VAR}', meaning: "the variable's value; when it is not set, Compose warns and uses an empty string" },
  ':-': { form: '${VAR:-default}', meaning: 'the default when the variable is not set or is empty' },
  '-': { form: '${VAR-default}', meaning: 'the default when the variable is not set (an empty value is kept)' },
  ':?': {
    form: '${VAR:?message}',
    meaning:
      'required: when the variable is not set or is empty, Compose refuses to load the project and prints the message',
  },
  '?': {
    form: '${VAR?message}',
    meaning:
      'required: when the variable is not set, Compose refuses to load the project and prints the message (an empty value is accepted)',
  },
  ':+': {
    form: '${VAR:+alternative}',
    meaning: 'the alternative when the variable is set and not empty, else an empty string',
  },
  '+': {
    form: '${VAR+alternative}',
    meaning: 'the alternative when the variable is set (even to an empty value), else an empty string',
  },
};
