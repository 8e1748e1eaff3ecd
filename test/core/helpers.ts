import { readFileSync } from 'node:fs';
import * as compiled from '../../src/definitions/generated/einbuergerung.js';
import { createValidator, SchemaModel, type Definition } from '../../src/core/index.js';

export const einbuergerung = compiled.definition as Definition;
export const validator = createValidator(compiled);
export const model = () => new SchemaModel(einbuergerung, validator.test);

export function sample(): Record<string, any> {
  return JSON.parse(
    readFileSync(new URL('../fixtures/einbuergerung-sample.json', import.meta.url), 'utf8'),
  );
}
