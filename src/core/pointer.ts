/**
 * JSON Pointer (RFC 6901) helpers over plain JSON data.
 *
 * Keys such as `__proto__` are plain keys here, never prototypes: reads use own properties only
 * and writes define own properties.
 */

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function escapeToken(token: string | number): string {
  const text = String(token);
  return /[~/]/.test(text) ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON pointer: "${pointer}"`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + escapeToken(t)).join('');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/** Reads the value at `pointer`, or `undefined` when any step is missing. */
export function getAt(data: unknown, pointer: string | string[]): unknown {
  const tokens = typeof pointer === 'string' ? parsePointer(pointer) : pointer;
  let current: unknown = data;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (isObject(current)) {
      if (!hasOwn(current, token)) return undefined;
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Returns a copy of `data` with `value` at `pointer` (structural sharing: only the objects along
 * the path are copied). `undefined` removes the key. Missing objects along the path are created;
 * a numeric token under an array indexes it.
 */
export function setAt(data: unknown, pointer: string | string[], value: unknown): unknown {
  const tokens = typeof pointer === 'string' ? parsePointer(pointer) : pointer;
  if (tokens.length === 0) return value;
  const [head, ...rest] = tokens as [string, ...string[]];
  // An entry of a list that does not exist yet (its first one, `0`) makes the list.
  if (Array.isArray(data) || (data === undefined && head === '0')) {
    const index = Number(head);
    const copy = data?.slice() ?? [];
    if (rest.length === 0 && value === undefined) {
      copy.splice(index, 1);
    } else {
      copy[index] = setAt(copy[index], rest, value);
    }
    return copy;
  }
  const source = isObject(data) ? data : {};
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) setOwn(copy, key, source[key]);
  if (rest.length === 0 && value === undefined) {
    delete copy[head];
  } else {
    setOwn(copy, head, setAt(hasOwn(copy, head) ? copy[head] : undefined, rest, value));
  }
  return copy;
}

/** The parent pointer and last token of a pointer. */
export function splitLast(pointer: string): [string, string] {
  const index = pointer.lastIndexOf('/');
  return [pointer.slice(0, index), unescapeToken(pointer.slice(index + 1))];
}

/** True when `pointer` equals `ancestor` or lies below it. */
export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + '/');
}

/**
 * The data reduced to what decides the errors at \`pointer\`: the path down to it, and on the way
 * every property named in \`keep\` (those other answers can depend on; see
 * \`SchemaModel.crossFieldNames\`). Lists on the path keep all their items. Validating this gives
 * the same errors at and below \`pointer\` as validating everything, at the cost of the path.
 */
export function projectFor(data: unknown, pointer: string, keep: ReadonlySet<string>): unknown {
  const tokens = parsePointer(pointer);
  const project = (value: unknown, depth: number): unknown => {
    if (depth === tokens.length) return value;
    const token = tokens[depth]!;
    if (Array.isArray(value)) {
      const index = Number(token);
      return value.map((item, i) => (i === index ? project(item, depth + 1) : item));
    }
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    const put = (name: string, v: unknown) =>
      Object.defineProperty(out, name, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    for (const name of keep) if (hasOwn(value, name)) put(name, value[name]);
    if (hasOwn(value, token)) put(token, project(value[token], depth + 1));
    return out;
  };
  return project(data, 0);
}
