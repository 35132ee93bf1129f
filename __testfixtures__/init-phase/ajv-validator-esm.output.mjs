import Ajv from 'ajv';
import schema from './order.schema.json' with { type: 'json' };

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(schema);

export const handler = async (event) => {
  if (!validate(event)) {
    return { statusCode: 400, body: JSON.stringify(validate.errors) };
  }
  return { statusCode: 200, body: 'ok' };
};
