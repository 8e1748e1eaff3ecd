/**
 * Application-shaped definitions with N leaf fields for the benchmark, and the same fields as a
 * hand-written plain DOM page (the floor every figure is compared with).
 */
import type { Definition, SchemaObject } from '../src/core/types.js';

export interface Leaf {
  /** Data pointer. */
  pointer: string;
  label: string;
  kind: 'text' | 'date' | 'email' | 'integer' | 'choice' | 'boolean';
  schema: SchemaObject;
  value: unknown;
}

const GROUPS = 10;
const CHOICES = ['a', 'b', 'c', 'd'];

function leafSchema(kind: Leaf['kind'], label: string): SchemaObject {
  switch (kind) {
    case 'text':
      return {
        type: 'string',
        title: label,
        minLength: 2,
        maxLength: 60,
        pattern: '^[A-Za-zÄÖÜäöüß .-]+$',
      };
    case 'date':
      return { type: 'string', title: label, format: 'date' };
    case 'email':
      return { type: 'string', title: label, format: 'email', maxLength: 254 };
    case 'integer':
      return { type: 'integer', title: label, minimum: 0, maximum: 1_000_000 };
    case 'choice':
      return {
        type: 'string',
        title: label,
        oneOf: CHOICES.map((c) => ({ const: c, title: `Option ${c.toUpperCase()}` })),
      };
    case 'boolean':
      return { type: 'boolean', title: label, 'x-widget': 'radio' };
  }
}

const KINDS: Leaf['kind'][] = [
  'text',
  'text',
  'text',
  'date',
  'email',
  'integer',
  'choice',
  'boolean',
];

function valueFor(kind: Leaf['kind'], i: number): unknown {
  switch (kind) {
    case 'text':
      return `Wert ${String.fromCharCode(65 + (i % 26))}`;
    case 'date':
      return '1990-05-17';
    case 'email':
      return `person${i}@example.org`;
    case 'integer':
      return i;
    case 'choice':
      return CHOICES[i % CHOICES.length];
    case 'boolean':
      return i % 2 === 0;
  }
}

/**
 * A definition with `n` leaf fields in ten groups (one array of objects with three items and a
 * few if/then conditions among them), `steps` either one step showing everything (for render and
 * typing) or one step per group (for step navigation), plus valid data and the leaf list.
 */
export function benchDefinition(
  n: number,
  layout: 'one-step' | 'steps',
): { definition: Definition; data: Record<string, unknown>; leaves: Leaf[] } {
  const leaves: Leaf[] = [];
  const properties: Record<string, SchemaObject> = {};
  const data: Record<string, unknown> = {};
  // The array: 3 items of 3 fields = 9 leaves, in group 0.
  const arrayLeaves = 9;
  let remaining = n - arrayLeaves;
  let counter = 0;
  for (let g = 0; g < GROUPS; g++) {
    const count = Math.floor(remaining / (GROUPS - g));
    remaining -= count;
    const groupProps: Record<string, SchemaObject> = {};
    const groupData: Record<string, unknown> = {};
    const required: string[] = [];
    const conditions: SchemaObject[] = [];
    for (let i = 0; i < count; i++) {
      const kind = KINDS[counter % KINDS.length]!;
      const name = `f${counter}`;
      const label = `Feld ${counter + 1}`;
      const schema = leafSchema(kind, label);
      const value = valueFor(kind, counter);
      // Every 50th boolean drives a condition: its follower is only asked when it is true.
      if (kind === 'boolean' && counter % 50 === 7 && i + 1 < count) {
        groupProps[name] = schema;
        groupData[name] = true;
        required.push(name);
        leaves.push({ pointer: `/g${g}/${name}`, label, kind, schema, value: true });
        counter++;
        i++;
        const followerName = `f${counter}`;
        const followerLabel = `Feld ${counter + 1}`;
        const follower = leafSchema('text', followerLabel);
        conditions.push({
          if: { properties: { [name]: { const: true } }, required: [name] },
          then: { properties: { [followerName]: follower }, required: [followerName] },
        });
        const followerValue = valueFor('text', counter);
        groupData[followerName] = followerValue;
        leaves.push({
          pointer: `/g${g}/${followerName}`,
          label: followerLabel,
          kind: 'text',
          schema: follower,
          value: followerValue,
        });
        counter++;
        continue;
      }
      groupProps[name] = schema;
      groupData[name] = value;
      required.push(name);
      leaves.push({ pointer: `/g${g}/${name}`, label, kind, schema, value });
      counter++;
    }
    if (g === 0) {
      const item: SchemaObject = {
        type: 'object',
        properties: {
          name: leafSchema('text', 'Name'),
          birthDate: leafSchema('date', 'Geburtsdatum'),
          income: leafSchema('integer', 'Einkommen'),
        },
        required: ['name', 'birthDate', 'income'],
        unevaluatedProperties: false,
      };
      groupProps.people = {
        type: 'array',
        title: 'Personen',
        minItems: 1,
        maxItems: 10,
        items: item,
        'x-itemTitle': 'Person',
      };
      const people = [0, 1, 2].map((i) => ({
        name: `Person ${String.fromCharCode(65 + i)}`,
        birthDate: '2001-02-03',
        income: 1000 + i,
      }));
      groupData.people = people;
      required.push('people');
      people.forEach((p, i) => {
        for (const [key, kind] of [
          ['name', 'text'],
          ['birthDate', 'date'],
          ['income', 'integer'],
        ] as const) {
          leaves.push({
            pointer: `/g0/people/${i}/${key}`,
            label: key,
            kind,
            schema: (item.properties as Record<string, SchemaObject>)[key]!,
            value: p[key],
          });
        }
      });
    }
    properties[`g${g}`] = {
      type: 'object',
      title: `Abschnitt ${g + 1}`,
      properties: groupProps,
      required,
      ...(conditions.length > 0 ? { allOf: conditions } : {}),
      unevaluatedProperties: false,
    };
    data[`g${g}`] = groupData;
  }
  const groups = Object.keys(properties);
  const definition: Definition = {
    id: `bench-${n}-${layout}`,
    version: '1.0.0',
    title: `Benchmark mit ${n} Feldern`,
    language: 'de',
    legalState: '2026-01-01',
    schema: { type: 'object', properties, required: groups, unevaluatedProperties: false },
    steps:
      layout === 'one-step'
        ? [{ id: 'all', title: 'Alle Felder', fields: groups.map((g) => `/${g}`) }]
        : groups.map((g, i) => ({ id: g, title: `Abschnitt ${i + 1}`, fields: [`/${g}`] })),
  };
  return { definition, data, leaves };
}

/** The field list the plain DOM page builds: label + input with native attributes. */
export function plainFields(leaves: Leaf[]) {
  return leaves.map((leaf) => {
    const s = leaf.schema;
    return {
      id: 'p' + leaf.pointer.replace(/\//g, '-'),
      label: String(s.title ?? leaf.label),
      kind: leaf.kind,
      pattern: typeof s.pattern === 'string' ? s.pattern : undefined,
      minLength: typeof s.minLength === 'number' ? s.minLength : undefined,
      maxLength: typeof s.maxLength === 'number' ? s.maxLength : undefined,
      min: typeof s.minimum === 'number' ? s.minimum : undefined,
      max: typeof s.maximum === 'number' ? s.maximum : undefined,
      options: Array.isArray(s.oneOf)
        ? (s.oneOf as SchemaObject[]).map((o) => ({
            value: String(o.const),
            title: String(o.title),
          }))
        : undefined,
    };
  });
}
