const middy = require('@middy/core');

const timing = () => {
  let startedAt;
  return {
    before: (handler, next) => {
      startedAt = Date.now();
      next();
    },
    after: (handler, next) => {
      handler.response.took = Date.now() - startedAt;
      next();
    },
  };
};

exports.handler = middy(async () => ({})).use(timing());
