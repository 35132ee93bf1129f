import Ajv from 'ajv';
import schema from './schema.json' with { type: 'json' };

// synchronous lazy init: no await between the check and the store, so no race
let validate;

export const handler = async (event) => {
  if (!validate) validate = new Ajv().compile(schema);
  const ok = validate(event);
  return { ok };
};
