import Ajv from 'ajv';
import schema from './order.schema.json' with { type: 'json' };

export const handler = async (event) => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  if (!validate(event)) {
    return { statusCode: 400, body: JSON.stringify(validate.errors) };
  }
  return { statusCode: 200, body: 'ok' };
};
