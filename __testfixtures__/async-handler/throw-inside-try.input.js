const { parse } = require('./parse');

exports.handler = function (event, context, callback) {
  try {
    const input = parse(event.body);
    if (!input.valid) callback(new Error('invalid input'));
    else callback(null, input.value);
  } catch (e) {
    console.error('unexpected', e);
    callback(new Error('internal error'));
  }
};
