const { lookup } = require('./legacy-lookup');

exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    lookup(event.id, { cache: false }, (err, result) => err != null ? reject(err) : resolve(result));
  });
};
