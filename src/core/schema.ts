/**
 * The schema model: which fields apply for the current data, in which order, with which
 * annotations. Pure data in, pure data out; conditions are decided by the injected validator.
 */
import { getAt, hasOwn, isObject, joinPointer, parsePointer } from './pointer.js';
import type { ConditionTest, Definition, SchemaObject } from './types.js';

/** A schema node together with its JSON pointer inside the definition (e.g. `/schema/properties/person`). */
export interface SchemaNode {
  schema: SchemaObject;
  pointer: string;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface Choice {
  value: unknown;
  title: string;
  /** Pointer of the title text in the definition, for translation (absent for plain `enum`). */
  titlePointer?: string;
}

export interface Field {
  name: string;
  /** JSON pointer of the value in the data. */
  pointer: string;
  required: boolean;
  /** The property's schema followed by the targets of its `$ref`s: the first node that has an annotation wins. */
  nodes: SchemaNode[];
  type: FieldType | undefined;
}

const MAX_REF_DEPTH = 32;

/** Finds `keyword` on the first node that has it. */
export function keywordOf(
  nodes: SchemaNode[],
  keyword: string,
): { value: unknown; pointer: string } | undefined {
  for (const node of nodes) {
    if (hasOwn(node.schema, keyword)) {
      return { value: node.schema[keyword], pointer: joinPointer(node.pointer, keyword) };
    }
  }
  return undefined;
}

export function valueOf<T = unknown>(field: Field, keyword: string): T | undefined {
  return keywordOf(field.nodes, keyword)?.value as T | undefined;
}

function inferType(nodes: SchemaNode[]): FieldType | undefined {
  const declared = keywordOf(nodes, 'type')?.value;
  if (typeof declared === 'string') return declared as FieldType;
  if (Array.isArray(declared)) {
    const first = declared.find((t) => t !== 'null');
    if (typeof first === 'string') return first as FieldType;
  }
  for (const node of nodes) {
    const s = node.schema;
    if (s.properties) return 'object';
    if (s.items) return 'array';
    if (typeof s.const === 'boolean') return 'boolean';
    const values = Array.isArray(s.enum)
      ? s.enum
      : Array.isArray(s.oneOf)
        ? (s.oneOf as SchemaObject[]).map((o) => (isObject(o) ? o.const : undefined))
        : undefined;
    if (values && values.length > 0) {
      const t = typeof values[0];
      if (t === 'string' || t === 'boolean') return t;
      if (t === 'number') return values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    }
  }
  return undefined;
}

/** The choices of a field, from `oneOf`/`anyOf` of `const`s with titles or from `enum`. */
/** Choices by the schema nodes they come from (asked for several times per field and render). */
const choiceCache = new WeakMap<readonly SchemaNode[], Choice[] | undefined>();

export function choicesOf(field: Pick<Field, 'nodes'>): Choice[] | undefined {
  if (choiceCache.has(field.nodes)) return choiceCache.get(field.nodes);
  const choices = findChoices(field.nodes);
  choiceCache.set(field.nodes, choices);
  return choices;
}

function findChoices(nodes: readonly SchemaNode[]): Choice[] | undefined {
  for (const node of nodes) {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const list = node.schema[keyword];
      if (Array.isArray(list) && list.every((o) => isObject(o) && hasOwn(o, 'const'))) {
        return (list as SchemaObject[]).map((option, i) => {
          const titled = typeof option.title === 'string';
          return {
            value: option.const,
            title: titled ? (option.title as string) : String(option.const),
            ...(titled ? { titlePointer: joinPointer(node.pointer, keyword, i, 'title') } : {}),
          };
        });
      }
    }
    if (Array.isArray(node.schema.enum)) {
      return node.schema.enum.map((value) => ({ value, title: String(value) }));
    }
  }
  return undefined;
}

interface Entry {
  nodes: SchemaNode[];
}

/** See `SchemaModel.objectFields`: the outcome of a condition (by pointer), or whether an answer is there. */
interface Decision {
  condition?: string;
  present?: string;
  result: boolean;
}

class ObjectCollector {
  readonly order: string[] = [];
  readonly entries = new Map<string, Entry>();
  readonly required = new Set<string>();

  add(name: string, node: SchemaNode, cursor?: { index: number }): void {
    const existing = this.entries.get(name);
    if (existing) {
      existing.nodes.push(node);
      return;
    }
    this.entries.set(name, { nodes: [node] });
    if (cursor && cursor.index >= 0 && cursor.index <= this.order.length) {
      this.order.splice(cursor.index, 0, name);
      cursor.index++;
    } else {
      this.order.push(name);
    }
  }
}

export class SchemaModel {
  readonly definition: Definition;
  readonly root: SchemaNode;
  private readonly test: ConditionTest;

  /**
   * @param rootPointer Where the schema sits in the definition: `/schema` (the application) or
   *   `/quickCheck/schema` (the quick-check's questions). Its `$ref`s resolve within it.
   */
  constructor(definition: Definition, test: ConditionTest, rootPointer = '/schema') {
    this.definition = definition;
    this.test = test;
    const schema = getAt(definition, rootPointer);
    if (!isObject(schema)) throw new Error(`No schema at ${rootPointer}`);
    this.root = { schema, pointer: rootPointer };
  }

  /** `deref`'s chains, by node (a definition does not change under its model). */
  readonly #chains = new WeakMap<SchemaNode, SchemaNode[]>();
  /** The nodes of a schema's `properties`, by schema and its place (one object may sit in two). */
  readonly #properties = new WeakMap<object, Map<string, [string, SchemaNode][]>>();
  /**
   * Fields by their one schema node, then by data pointer and whether required: asked for again on
   * every keystroke that validates, every prune and every render, a field is made once. (A field
   * that a branch adds rules to has several nodes and is made anew.)
   */
  readonly #fields = new WeakMap<SchemaNode, Map<string, Field>>();
  /** `itemNodes`, by a list's nodes. */
  readonly #items = new WeakMap<SchemaNode[], SchemaNode[]>();

  /** The node followed by the targets of its (local) `$ref`s. */
  deref(node: SchemaNode): SchemaNode[] {
    let chain = this.#chains.get(node);
    if (!chain) this.#chains.set(node, (chain = this.#deref(node)));
    return chain;
  }

  #deref(node: SchemaNode): SchemaNode[] {
    const chain = [node];
    let current = node;
    for (let depth = 0; typeof current.schema.$ref === 'string'; depth++) {
      if (depth >= MAX_REF_DEPTH) throw new Error(`$ref chain too deep at ${node.pointer}`);
      const ref = current.schema.$ref as string;
      if (!ref.startsWith('#')) throw new Error(`Only local $ref is supported: ${ref}`);
      const pointer = this.root.pointer + decodeURIComponent(ref.slice(1));
      const target = getAt(this.definition, pointer);
      if (!isObject(target)) throw new Error(`$ref ${ref} at ${current.pointer} points nowhere`);
      current = { schema: target, pointer };
      chain.push(current);
    }
    return chain;
  }

  /**
   * What `objectFields` answered last, by nodes and data pointer, with the decisions it took on
   * the data (conditions, answers present): asked again, it only re-takes those decisions, and
   * if all come out the same the fields are the same. An object of a thousand questions is walked
   * once, not on every keystroke, prune and render.
   */
  readonly #objects = new WeakMap<
    SchemaNode[],
    Map<string, { decisions: Decision[]; fields: readonly Field[] }>
  >();

  /**
   * The fields of an object (given by its schema nodes) that apply to its current data. The list
   * is shared (frozen): copy it to change it.
   */
  objectFields(nodes: SchemaNode[], data: unknown, dataPointer: string): Field[] {
    const objectData = isObject(data) ? data : {};
    let known = this.#objects.get(nodes);
    const last = known?.get(dataPointer);
    if (last && last.decisions.every((d) => this.#decide(d, objectData) === d.result))
      return last.fields as Field[];
    const decisions: Decision[] = [];
    const collector = new ObjectCollector();
    for (const node of nodes) this.apply(node, objectData, collector, decisions);
    const fields: Field[] = [];
    for (const name of collector.order) {
      const { nodes } = collector.entries.get(name)!;
      const required = collector.required.has(name);
      const made = nodes.length === 1 ? this.#fields.get(nodes[0]!) : undefined;
      const key = required ? `+${dataPointer}` : `-${dataPointer}`;
      let field = made?.get(key);
      if (!field) {
        const expanded = nodes.flatMap((n) => this.deref(n));
        field = {
          name,
          pointer: joinPointer(dataPointer, name),
          required,
          nodes: expanded,
          type: inferType(expanded),
        };
        if (nodes.length === 1) {
          if (made) made.set(key, field);
          else this.#fields.set(nodes[0]!, new Map([[key, field]]));
        }
      }
      fields.push(field);
    }
    Object.freeze(fields);
    if (!known) this.#objects.set(nodes, (known = new Map()));
    known.set(dataPointer, { decisions, fields });
    return fields;
  }

  /** A decision `apply` takes on an object's data: a condition's outcome, or an answer's presence. */
  #decide(decision: Decision, data: Record<string, unknown>): boolean {
    return decision.present === undefined
      ? this.test(decision.condition!, data)
      : present(data, decision.present);
  }

  /** The nodes of the properties of `schema`, in their order. */
  #propertyNodes(schema: Record<string, unknown>, pointer: string): [string, SchemaNode][] {
    let byPlace = this.#properties.get(schema);
    if (!byPlace) this.#properties.set(schema, (byPlace = new Map()));
    let list = byPlace.get(pointer);
    if (!list) {
      list = [];
      for (const [name, sub] of Object.entries(schema)) {
        if (!isObject(sub)) continue; // boolean schemas carry no field
        list.push([name, { schema: sub, pointer: joinPointer(pointer, 'properties', name) }]);
      }
      byPlace.set(pointer, list);
    }
    return list;
  }

  private apply(
    start: SchemaNode,
    data: Record<string, unknown>,
    collector: ObjectCollector,
    decisions: Decision[],
    cursor?: { index: number },
  ): void {
    for (const node of this.deref(start)) {
      const s = node.schema;
      if (isObject(s.properties)) {
        for (const [name, property] of this.#propertyNodes(s.properties, node.pointer))
          collector.add(name, property, cursor);
      }
      if (Array.isArray(s.required))
        for (const name of s.required) collector.required.add(String(name));
      if (isObject(s.dependentRequired)) {
        for (const [key, names] of Object.entries(s.dependentRequired)) {
          if (this.#record(decisions, { present: key }, data) && Array.isArray(names))
            for (const n of names) collector.required.add(String(n));
        }
      }
      if (Array.isArray(s.allOf)) {
        s.allOf.forEach((sub, i) => {
          if (isObject(sub))
            this.apply(
              { schema: sub, pointer: joinPointer(node.pointer, 'allOf', i) },
              data,
              collector,
              decisions,
              cursor,
            );
        });
      }
      if (isObject(s.if)) {
        const ifPointer = joinPointer(node.pointer, 'if');
        const branchName = this.#record(decisions, { condition: ifPointer }, data)
          ? 'then'
          : 'else';
        const branch = s[branchName];
        if (isObject(branch)) {
          const triggers = isObject(s.if.properties) ? Object.keys(s.if.properties) : [];
          this.apply(
            { schema: branch, pointer: joinPointer(node.pointer, branchName) },
            data,
            collector,
            decisions,
            this.cursorAfter(collector, triggers),
          );
        }
      }
      if (isObject(s.dependentSchemas)) {
        for (const [key, sub] of Object.entries(s.dependentSchemas)) {
          if (this.#record(decisions, { present: key }, data) && isObject(sub)) {
            this.apply(
              { schema: sub, pointer: joinPointer(node.pointer, 'dependentSchemas', key) },
              data,
              collector,
              decisions,
              this.cursorAfter(collector, [key]),
            );
          }
        }
      }
    }
  }

  /** Takes a decision on the data and notes it with its outcome (see `objectFields`). */
  #record(
    decisions: Decision[],
    decision: Omit<Decision, 'result'>,
    data: Record<string, unknown>,
  ): boolean {
    const result = this.#decide(decision as Decision, data);
    decisions.push({ ...decision, result });
    return result;
  }

  private cursorAfter(
    collector: ObjectCollector,
    triggers: string[],
  ): { index: number } | undefined {
    const last = Math.max(-1, ...triggers.map((t) => collector.order.indexOf(t)));
    return last < 0 ? undefined : { index: last + 1 };
  }

  /** The item schema nodes of an array field. */
  itemNodes(field: Pick<Field, 'nodes'>): SchemaNode[] {
    let nodes = this.#items.get(field.nodes);
    if (!nodes) {
      const items = keywordOf(field.nodes, 'items');
      nodes =
        items && isObject(items.value)
          ? this.deref({ schema: items.value, pointer: items.pointer })
          : [];
      this.#items.set(field.nodes, nodes);
    }
    return nodes;
  }

  /**
   * What a group or a list holds for the current data: the object's own fields (one entry), or
   * each item's fields (one entry per item, with its index). Nothing for other fields.
   */
  children(field: Field, data: unknown): { pointer: string; index?: number; fields: Field[] }[] {
    const value = getAt(data, field.pointer);
    if (field.type === 'object') {
      return [
        { pointer: field.pointer, fields: this.objectFields(field.nodes, value, field.pointer) },
      ];
    }
    if (field.type !== 'array') return [];
    const list = Array.isArray(value) ? value : [];
    const items = this.itemNodes(field);
    // A required list not started yet shows its first entry to fill in: typed into, it is the
    // list's first entry (`setAt` makes the list).
    const length =
      value === undefined && field.required && valueOf<number>(field, 'minItems') ? 1 : list.length;
    return Array.from({ length }, (_, index) => {
      const pointer = joinPointer(field.pointer, index);
      return { pointer, index, fields: this.objectFields(items, list[index], pointer) };
    });
  }

  /** The top-level fields shown by a step. */
  stepFields(stepIndex: number, data: unknown): Field[] {
    const step = this.definition.steps[stepIndex];
    if (!step) return [];
    return step.fields
      .map((pointer) => this.fieldAt(pointer, data))
      .filter((f): f is Field => f !== undefined);
  }

  /** The field at a data pointer, if it applies to the current data. */
  fieldAt(dataPointer: string, data: unknown): Field | undefined {
    const tokens = parsePointer(dataPointer);
    let field: Field | undefined;
    let nodes = this.deref(this.root);
    let pointer = '';
    for (const token of tokens) {
      const type = field ? field.type : 'object';
      if (type === 'array' && field) {
        if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
        const itemNodes = this.itemNodes(field);
        pointer = joinPointer(pointer, token);
        field = {
          name: token,
          pointer,
          required: false,
          nodes: itemNodes,
          type: inferType(itemNodes) ?? 'object',
        };
        nodes = itemNodes;
        continue;
      }
      const fields = this.objectFields(nodes, getAt(data, pointer), pointer);
      field = fields.find((f) => f.name === token);
      if (!field) return undefined;
      pointer = field.pointer;
      nodes = field.nodes;
    }
    return field;
  }

  /**
   * A copy of `data` with only the answers that apply: fields of branches that are not taken, and
   * keys the schema does not know, are left out. This is what gets validated and submitted.
   */
  prune(data: unknown): Record<string, unknown> {
    return this.pruneObject(this.deref(this.root), data, '') as Record<string, unknown>;
  }

  private pruneObject(nodes: SchemaNode[], data: unknown, pointer: string): unknown {
    if (!isObject(data)) return data;
    const out: Record<string, unknown> = {};
    for (const field of this.objectFields(nodes, data, pointer)) {
      if (!hasOwn(data, field.name)) continue;
      const value = this.pruneValue(field, data[field.name]);
      if (value === undefined) continue;
      // A "__proto__" answer is an own key like any other, never the prototype.
      if (field.name === '__proto__')
        Object.defineProperty(out, field.name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[field.name] = value;
    }
    return out;
  }

  private pruneValue(field: Field, value: unknown): unknown {
    if (field.type === 'object') return this.pruneObject(field.nodes, value, field.pointer);
    if (field.type === 'array' && Array.isArray(value)) {
      const items = this.itemNodes(field);
      return value.map((item, i) => this.pruneObject(items, item, joinPointer(field.pointer, i)));
    }
    return value;
  }

  /**
   * `data` where every required object that applies exists (as `{}` when missing), so that
   * validation names each missing answer inside it instead of only the missing object. Only the
   * objects on the way to one that was added are copies; without any, it is `data` itself (read
   * it, never change it).
   */
  withRequiredObjects(data: unknown): unknown {
    const fill = (nodes: SchemaNode[], value: unknown, pointer: string): unknown => {
      const source = isObject(value) ? value : {};
      let out: Record<string, unknown> | undefined;
      for (const field of this.objectFields(nodes, source, pointer)) {
        if (field.type !== 'object') continue;
        const present = hasOwn(source, field.name);
        if (!present && !field.required) continue;
        const inner = present ? source[field.name] : undefined;
        const filled = fill(field.nodes, inner, field.pointer);
        if (filled === inner) continue;
        // Spread defines each key as its own (a "__proto__" key too, never the prototype).
        out ??= { ...source };
        Object.defineProperty(out, field.name, {
          value: filled,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out ?? (source === value ? value : source);
    };
    return fill(this.deref(this.root), data, '');
  }

  /** Names of properties that some condition reads: a change to one of them can change the fields. */
  triggerNames(): Set<string> {
    const names = new Set<string>();
    for (const pointer of this.conditionPointers()) {
      const condition = getAt(this.definition, pointer);
      if (isObject(condition)) {
        if (isObject(condition.properties))
          for (const k of Object.keys(condition.properties)) names.add(k);
        if (Array.isArray(condition.required))
          for (const k of condition.required) names.add(String(k));
      }
    }
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (isObject(value)) {
        for (const key of ['dependentSchemas', 'dependentRequired']) {
          if (isObject(value[key])) for (const k of Object.keys(value[key])) names.add(k);
        }
        Object.values(value).forEach(walk);
      }
    };
    walk(this.root.schema);
    return names;
  }

  /**
   * Names of properties whose answers can change the errors of other questions: those conditions
   * read, and those named inside \`anyOf\`, \`oneOf\` or \`not\` (e.g. "phone or e-mail"). A keystroke
   * in any other question can be validated on its own (see \`projectFor\`).
   */
  crossFieldNames(): Set<string> {
    const names = this.triggerNames();
    const walk = (value: unknown, combined: boolean): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, combined));
      else if (isObject(value)) {
        if (combined) {
          if (isObject(value.properties))
            for (const k of Object.keys(value.properties)) names.add(k);
          if (Array.isArray(value.required)) for (const k of value.required) names.add(String(k));
        }
        for (const [key, sub] of Object.entries(value))
          walk(sub, combined || key === 'anyOf' || key === 'oneOf' || key === 'not');
      }
    };
    walk(this.root.schema, false);
    return names;
  }

  /** Every `if` in the schema, by its pointer in the definition (what a validator must be able to test). */
  conditionPointers(): string[] {
    const found: string[] = [];
    const NAMED = new Set(['properties', '$defs', 'dependentSchemas', 'patternProperties']);
    const DATA = new Set(['const', 'enum', 'default', 'examples', 'required', 'dependentRequired']);
    const walk = (value: unknown, pointer: string, names: boolean): void => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, joinPointer(pointer, i), false));
      } else if (isObject(value)) {
        for (const [key, sub] of Object.entries(value)) {
          const p = joinPointer(pointer, key);
          if (names) {
            walk(sub, p, false);
            continue;
          }
          if (key === 'if' && isObject(sub)) found.push(p);
          if (DATA.has(key) || key.startsWith('x-')) continue;
          walk(sub, p, NAMED.has(key));
        }
      }
    };
    walk(this.root.schema, this.root.pointer, false);
    return found;
  }
}

function present(data: Record<string, unknown>, key: string): boolean {
  return hasOwn(data, key) && data[key] !== undefined;
}
