const middy = require('@middy/core');
const { work } = require('deps');

const timing = () => {
  let startedAt;
  return {
    before: async (request) => {
      startedAt = request.event.startedAt;
    },
    after: async (request) => {
      request.response = { ...request.response, startedAt };
    },
  };
};

exports.handler = middy(async (event) => work(event)).use(timing());
