const middy = require('@middy/core');
const { work } = require('deps');

const timing = () => {
  const startedAtKey = Symbol('startedAt');
  return {
    before: async (request) => {
      request.internal[startedAtKey] = request.event.startedAt;
    },
    after: async (request) => {
      request.response = { ...request.response, startedAt: request.internal[startedAtKey] };
    },
  };
};

exports.handler = middy(async (event) => work(event)).use(timing());
