import middy from '@middy/core';
import { work } from 'deps';

const counting = () => {
  let seen = 0;
  let lastPath;
  return {
    before: (request) => {
      seen++;
      lastPath = request.event.path;
    },
    after: (request) => {
      request.response.seen = seen;
      request.response.lastPath = lastPath;
    },
    shared: () => lastPath,
  };
};

export const handler = middy(async (event) => work(event)).use(counting());
