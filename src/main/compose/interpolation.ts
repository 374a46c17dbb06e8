import type { Located, Place } from './locatedYaml';

/**
 * Compose's variable substitution, the practical part: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:+alternative}, ${VAR+alternative}, ${VAR:?message}, ${VAR?message} (defaults may hold
 * variables themselves) and $$ for a dollar sign. Values come from the process environment, then the
 * project folder's .env file (the shell wins, as in compose). A variable that is not set becomes
 * empty, as compose does (it only warns). Keys are never substituted, values only.
 */

export type Variables = (name: string) => string | undefined;

export interface InterpolationProblem {
  place: Place;
  /** Keys and indexes down to the value. */
  segments: string[];
  detail: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

class InterpolationError extends Error {}

/** The .env file's variables: NAME=value lines, # comments, `export ` allowed, quotes removed. */
export function parseDotEnv(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const name = line.slice(0, equals).trim();
    if (!NAME.test(name)) continue;
    let value = line.slice(equals + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
      value = value.slice(1, value.lastIndexOf(quote));
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      // An unquoted value ends where a comment starts (" #").
      value = value.replace(/\s+#.*$/, '');
    }
    variables.set(name, value);
  }
  return variables;
}

/** The text with its variables substituted; an unclosed ${ or a ${VAR:?message} whose VAR is unset throws. */
export function interpolate(text: string, variables: Variables): string {
  if (!text.includes('$')) return text;
  let result = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar === -1) {
      result += text.slice(index);
      break;
    }
    result += text.slice(index, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      result += '$';
      index = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 2);
      if (close === -1) throw new InterpolationError(`"${text}": a \${ is not closed.`);
      result += substitute(text.slice(dollar + 2, close), variables);
      index = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name) {
        result += variables(name) ?? '';
        index = dollar + 1 + name.length;
      } else {
        result += '$';
        index = dollar + 1;
      }
    }
  }
  return result;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let index = from; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

/** The inside of ${...}: a name and what to do when it is unset (or empty, with the colon forms). */
function substitute(inside: string, variables: Variables): string {
  const name = NAME.exec(inside)?.[0];
  if (!name) throw new InterpolationError(`"\${${inside}}" is not a variable.`);
  const rest = inside.slice(name.length);
  const value = variables(name);
  if (rest === '') return value ?? '';
  const operator = /^(:?[-+?])/.exec(rest)?.[1];
  if (!operator) throw new InterpolationError(`"\${${inside}}" is not a variable.`);
  const word = rest.slice(operator.length);
  const unset = operator.startsWith(':') ? value === undefined || value === '' : value === undefined;
  switch (operator.replace(':', '')) {
    case '-':
      return unset ? interpolate(word, variables) : (value ?? '');
    case '+':
      return unset ? '' : interpolate(word, variables);
    default:
      if (unset) throw new InterpolationError(`${name}: ${interpolate(word, variables) || 'required'}`);
      return value ?? '';
  }
}

/** Substitutes in every string value of the tree, in place; each value that cannot be substituted is a problem. */
export function interpolateTree(root: Located | null, variables: Variables): InterpolationProblem[] {
  const problems: InterpolationProblem[] = [];
  const walk = (node: Located, segments: string[]) => {
    if (node.kind === 'map') {
      for (const [key, entry] of node.entries) walk(entry.value, [...segments, key]);
    } else if (node.kind === 'seq') {
      node.items.forEach((item, index) => walk(item, [...segments, String(index)]));
    } else if (typeof node.value === 'string') {
      try {
        node.value = interpolate(node.value, variables);
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        problems.push({ place: node.place, segments, detail: error.message });
      }
    }
  };
  if (root) walk(root, []);
  return problems;
}
